import Archive
import Foundation
import HTTP
import TestSupport
import Testing

@testable import Recorder

/// A live recorder with a shard scrapes its shard's targets, static or discovered, and no other.
@Suite(.timeLimit(.minutes(3)), .serialized) struct ShardedRecorderTests {
  /// Eight listeners of one server (eight `host:port` addresses); target `k` is scraped at
  /// `/mk` on the `k`-th, so the paths counted say which targets were scraped.
  static func eightTargets(counting served: ServedRequests) throws -> (HTTPServer, [String]) {
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { request, _ in
        served.note(String(request.path))
        return .response(
          HTTPResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: RecorderTests.goodBody))
      })
    let bound = try server.start(Array(repeating: SocketAddress(host: "127.0.0.1", port: 0)!, count: 8))
    return (server, bound.map { "127.0.0.1:\($0.address.port)" })
  }

  @Test func onlyTheTargetsOfTheShardAreScrapedWhetherStaticOrDiscovered() async throws {
    let served = ServedRequests()
    let (server, addresses) = try Self.eightTargets(counting: served)
    defer { Task { await server.stop() } }
    // The shard of the first target, so it is never empty; which others join it is the hash's.
    let shard = try Shard(index: Shard.hashmod(addresses[0], modulus: 2), count: 2)
    let expected = addresses.indices.filter { shard.contains(address: addresses[$0]) }
    let sd = RecorderTests.temporaryPath("sd.json")
    let path = RecorderTests.temporaryPath("shard.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: sd)
      try? FileManager.default.removeItem(atPath: path)
    }
    let groups = (4..<8).map {
      #"{"targets": ["\#(addresses[$0])"], "labels": {"job": "sd", "__metrics_path__": "/m\#($0)"}}"#
    }
    try Data("[\(groups.joined(separator: ","))]".utf8).write(to: URL(fileURLWithPath: sd))
    var options = RecordingOptions()
    options.intervalMs = 300
    options.timeoutMs = 250
    options.durationMs = 120_000
    options.targets = try (0..<4).map {
      try ScrapeTarget.parse("\(addresses[$0])/m\($0)", defaultJob: "static")
    }
    options.discoveryFiles = [sd]
    options.shard = shard
    let recorder = Recorder(options: options, recorderVersion: "t")
    let (listed, recorded) = try recorder.startingTargets()
    #expect(listed.map(\.address) == addresses)
    #expect(recorded.map(\.address) == expected.map { addresses[$0] })
    let stop = StopFlag()
    let client = try HTTPClient()
    let recording = Task { try await recorder.record(to: path, client: client, stop: stop) }
    for k in expected { #expect(await served.wait(for: "/m\(k)", count: 2), "target \(k)") }
    stop.stop()
    _ = try await recording.value
    await client.shutdown()

    for k in addresses.indices where !expected.contains(k) {
      #expect(served.count("/m\(k)") == 0, "target \(k) (\(addresses[k])) is not in shard \(shard)")
    }
    let reader = try ArchiveReader(path: path)
    #expect(reader.targets.map(\.instance) == expected.map { addresses[$0] })
    #expect(Set(reader.frames.map(\.targetID)) == Set(reader.targets.map(\.id)))
  }

  @Test func aShardOfStaticTargetsThatTakesNoneIsAnErrorBeforeAnythingIsWritten() async throws {
    var options = RecordingOptions()
    // hashmod(_, 4): 127.0.0.1:8080 is 2 and 127.0.0.2:8080 is 1 (Python, as in ShardTests).
    options.targets = try ["127.0.0.1:8080", "127.0.0.2:8080"].map {
      try ScrapeTarget.parse($0, defaultJob: "x")
    }
    options.shard = try Shard.parse("3/4")
    let path = RecorderTests.temporaryPath("empty.rayrec")
    let client = try HTTPClient()
    await #expect {
      try await Recorder(options: options, recorderVersion: "t").record(
        to: path, client: client, stop: StopFlag())
    } throws: { error in
      (error as? RecorderError)?.description
        == "no targets to record: shard 3/4 (Prometheus's hashmod of host:port) takes none of the 2 targets"
        + " (127.0.0.1:8080 is in 2/4, 127.0.0.2:8080 is in 1/4)"
    }
    await client.shutdown()
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func anEmptyShardOfDiscoveredTargetsRecordsOnAsPrometheusWould() async throws {
    let sd = RecorderTests.temporaryPath("sd.json")
    let path = RecorderTests.temporaryPath("empty-sd.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: sd)
      try? FileManager.default.removeItem(atPath: path)
    }
    try Data(#"[{"targets": ["127.0.0.1:8080", "127.0.0.2:8080"]}]"#.utf8).write(to: URL(fileURLWithPath: sd))
    var options = RecordingOptions()
    options.discoveryFiles = [sd]
    options.shard = try Shard.parse("3/4")
    options.intervalMs = 100
    options.timeoutMs = 100
    options.durationMs = 300
    let recorder = Recorder(options: options, recorderVersion: "t")
    #expect(try recorder.startingTargets().recorded.isEmpty)
    let client = try HTTPClient()
    let status = try await recorder.record(to: path, client: client, stop: StopFlag())
    await client.shutdown()
    #expect(status.frames == 0)
    let reader = try ArchiveReader(path: path)
    #expect(reader.closedCleanly && reader.targets.isEmpty)
  }
}
