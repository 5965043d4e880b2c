import Archive
import Foundation
import HTTP
import TestSupport
import Testing

@testable import Recorder

/// Records real local servers that misbehave in every way a scrape can fail.
@Suite(.timeLimit(.minutes(5)), .serialized) struct RecorderTests {
  static let goodBody = Array("# TYPE up_total counter\nup_total{a=\"b\"} 1\n".utf8)

  /// One server, one listener per behaviour; the path picks the behaviour.
  static func misbehavingServer(counting served: ServedRequests = ServedRequests()) throws -> (
    HTTPServer, UInt16
  ) {
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { request, _ in
        served.note(String(request.path))
        switch request.path {
        case "/ok":
          return .response(
            HTTPResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: goodBody))
        case "/500": return .response(HTTPResponse(status: 500, body: Array("boom".utf8)))
        case "/slow": return .deferred
        case "/reset":
          return .resetAfter(HTTPResponse(body: [UInt8](repeating: 0x61, count: 500)), bodyBytes: 10)
        case "/big": return .response(HTTPResponse(body: [UInt8](repeating: 0x61, count: 5000)))
        case "/malformed": return .response(HTTPResponse(body: Array("a{b=\"c\"} oops\n".utf8)))
        default: return .response(HTTPResponse(status: 404))
        }
      })
    let bound = try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])
    return (server, bound[0].address.port)
  }

  static func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rayrec-\(UUID().uuidString)-\(name)").path
  }

  /// A port that was just bound and released: nothing listens there.
  static func closedPort() throws -> UInt16 {
    let server = try HTTPServer(handler: HTTPHandlerClosure { _, _ in .close(reset: false) })
    let port = try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port
    return port
  }

  @Test func everyKindOfFailureIsRecordedAsAFrame() async throws {
    let (server, port) = try Self.misbehavingServer()
    defer { Task { await server.stop() } }
    let refusedServer = try HTTPServer(handler: HTTPHandlerClosure { _, _ in .close(reset: false) })
    let refusedPort = try refusedServer.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port
    await refusedServer.stop()

    var options = RecordingOptions()
    options.intervalMs = 1000
    options.timeoutMs = 400
    // Ends when every target has two frames; the duration only bounds a starved run (the
    // cooperative pool is shared with every other test).
    options.durationMs = 600_000
    options.maxBodyBytes = 1000
    options.extraLabels = ["ray_io_cluster": "test"]
    let paths = ["ok", "500", "slow", "reset", "big", "malformed"]
    options.targets = try paths.map {
      try ScrapeTarget.parse("\($0)=http://127.0.0.1:\(port)/\($0)", defaultJob: "x")
    }
    options.targets.append(try ScrapeTarget.parse("refused=127.0.0.1:\(refusedPort)", defaultJob: "x"))
    let path = Self.temporaryPath("faults.rayrec")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let client = try HTTPClient()
    let stop = StopFlag()
    let wanted = options.targets.count * 3
    let status = try await Recorder(options: options, recorderVersion: "test").record(
      to: path, client: client, stop: stop
    ) { status in
      if status.frames >= wanted { stop.stop() }
    }
    await client.shutdown()

    let reader = try ArchiveReader(path: path)
    #expect(reader.closedCleanly)
    #expect(status.frames == reader.frames.count)
    #expect(reader.targets.count == 7)
    #expect(reader.targets.allSatisfy { $0.labels == [ArchiveTarget.Label("ray_io_cluster", "test")] })
    func outcomes(_ job: String) throws -> [Frame] {
      let id = try #require(reader.targets.first { $0.job == job }).id
      return try reader.allFrames().filter { $0.targetID == id }
    }
    let ok = try outcomes("ok")
    #expect(ok.count >= 2)
    #expect(ok.allSatisfy { $0.outcome == .response(status: 200) && $0.body == Self.goodBody })
    #expect(
      try outcomes("500").allSatisfy { $0.outcome == .response(status: 500) && $0.body == Array("boom".utf8) }
    )
    #expect(
      try outcomes("slow").allSatisfy { if case .failed(.timeout, _) = $0.outcome { true } else { false } })
    #expect(
      try outcomes("reset").allSatisfy { if case .failed(.reset, _) = $0.outcome { true } else { false } })
    #expect(
      try outcomes("big").allSatisfy {
        if case .failed(.bodyTooLarge, _) = $0.outcome { true } else { false }
      })
    let malformed = try outcomes("malformed")
    #expect(malformed.allSatisfy { if case .failed(.malformed, _) = $0.outcome { true } else { false } })
    #expect(malformed.first?.body == Array("a{b=\"c\"} oops\n".utf8))
    #expect(
      try outcomes("refused").allSatisfy { if case .failed(.refused, _) = $0.outcome { true } else { false } }
    )
    for job in ["500", "slow", "reset", "big", "malformed", "refused"] {
      #expect(try !outcomes(job).isEmpty, "\(job)")
    }
  }

  @Test func targetsThatJoinOrLeaveTheDiscoveryFileAreFollowed() async throws {
    let served = ServedRequests()
    let (server, port) = try Self.misbehavingServer(counting: served)
    defer { Task { await server.stop() } }
    let sd = Self.temporaryPath("sd.json")
    let path = Self.temporaryPath("sd.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: sd)
      try? FileManager.default.removeItem(atPath: path)
    }
    func writeSD(_ paths: [String]) throws {
      let groups = paths.map {
        #"{"targets": ["127.0.0.1:\#(port)"], "labels": {"job": "\#($0)", "__metrics_path__": "/\#($0)"}}"#
      }
      try Data("[\(groups.joined(separator: ","))]".utf8).write(to: URL(fileURLWithPath: sd))
    }
    try writeSD(["ok"])
    var options = RecordingOptions()
    options.intervalMs = 500
    options.timeoutMs = 400
    options.durationMs = 120_000
    options.discoveryFiles = [sd]
    let stop = StopFlag()
    let client = try HTTPClient()
    let frozen = options
    let recording = Task {
      try await Recorder(options: frozen, recorderVersion: "t").record(to: path, client: client, stop: stop)
    }
    #expect(await served.wait(for: "/ok", count: 2))
    try writeSD(["500"])
    let switched = Int64(Date().timeIntervalSince1970 * 1000)
    #expect(await served.wait(for: "/500", count: 2))
    stop.stop()
    _ = try await recording.value
    await client.shutdown()

    let reader = try ArchiveReader(path: path)
    #expect(reader.targets.map(\.job).sorted() == ["500", "ok"])
    let okID = reader.targets.first { $0.job == "ok" }!.id
    let errorID = reader.targets.first { $0.job == "500" }!.id
    let okFrames = reader.frames.filter { $0.targetID == okID }
    let errorFrames = reader.frames.filter { $0.targetID == errorID }
    #expect(okFrames.count >= 2)
    #expect(errorFrames.count >= 2)
    // The one that left is not scraped once the file has been re-read (within an interval).
    // Once the new target is scraped, the one that left is not (one interval of slack for a
    // scrape that was already under way).
    let firstNew = try #require(errorFrames.map(\.timeMs).min())
    #expect(okFrames.allSatisfy { $0.timeMs <= firstNew + options.intervalMs })
    #expect(firstNew >= switched - options.intervalMs)
  }

  @Test func stoppingEndsTheRecordingWithAClosedArchive() async throws {
    let served = ServedRequests()
    let (server, port) = try Self.misbehavingServer(counting: served)
    defer { Task { await server.stop() } }
    var options = RecordingOptions()
    options.intervalMs = 200
    options.timeoutMs = 150
    options.targets = [try ScrapeTarget.parse("127.0.0.1:\(port)/ok", defaultJob: "x")]
    let path = Self.temporaryPath("stop.rayrec")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let stop = StopFlag()
    let client = try HTTPClient()
    let recording = Task {
      try await Recorder(options: options, recorderVersion: "t").record(to: path, client: client, stop: stop)
    }
    #expect(await served.wait(for: "/ok", count: 2))
    stop.stop()
    let status = try await recording.value
    await client.shutdown()
    #expect(status.frames >= 2)
    let reader = try ArchiveReader(path: path)
    #expect(reader.closedCleanly)
    #expect(reader.frames.count == status.frames)
  }
}
