import Archive
import Foundation
import HTTP
import Testing

@testable import Recorder

/// Issue 20 §2: one line with 100,000 labels took 13 s of CPU to check, so only 1 of 5 scrapes
/// of that target happened. The check is linear now and runs in the target's own task: such a
/// target is scraped on its schedule like the others, and a label limit fails it by its text.
@Suite(.timeLimit(.minutes(3)), .serialized) struct SlowTargetTests {
  static let hundredThousandLabels = Array(
    ("a{" + (0..<100_000).map { "l\($0)=\"v\"" }.joined(separator: ",") + "} 1\n").utf8)

  static func serve() throws -> (HTTPServer, UInt16) {
    let labels = Self.hundredThousandLabels
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { request, _ in
        let body = request.path == "/labels" ? labels : Array("good 1\n".utf8)
        return .response(HTTPResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: body))
      })
    return (server, try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port)
  }

  @Test func aTargetWithAHundredThousandLabelsIsScrapedOnEverySlot() async throws {
    let (server, port) = try Self.serve()
    defer { Task { await server.stop() } }
    let targets = ["good=127.0.0.1:\(port)/good", "labels=127.0.0.1:\(port)/labels"]
    var options = RecordingOptions()
    options.intervalMs = 500
    options.timeoutMs = 450
    options.durationMs = 150_000
    options.targets = try targets.map { try ScrapeTarget.parse($0, defaultJob: "x") }
    let path = RecorderTests.temporaryPath("labels.rayrec")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let client = try HTTPClient()
    let stop = StopFlag()
    // Stops after 16 frames: eight of each when every slot is scraped. A target whose every
    // scrape costs seconds has one or two by then, the well-behaved one the rest.
    _ = try await Recorder(options: options, recorderVersion: "t").record(
      to: path, client: client, stop: stop
    ) {
      if $0.frames >= 16 { stop.stop() }
    }
    await client.shutdown()
    let reader = try ArchiveReader(path: path)
    let all = try reader.allFrames()
    func frames(_ job: String) -> [Frame] {
      let id = reader.targets.first { $0.job == job }!.id
      return all.filter { $0.targetID == id }
    }
    let good = frames("good").count
    #expect(good >= 2)
    let slow = frames("labels")
    #expect(slow.count >= good - 3, "\(slow.count) frames while the good target had \(good)")
    #expect(slow.allSatisfy { $0.outcome == .response(status: 200) }, "valid, so recorded as answered")
    #expect(slow.first?.body == Self.hundredThousandLabels)
  }

  @Test func aLabelLimitFailsTheHundredThousandLabelLineWithPrometheussText() {
    let check = ScrapeCheck(
      limits: ScrapeLimits(labelLimit: 1000),
      target: ArchiveTarget(
        id: 1, url: "http://127.0.0.1:1/metrics", job: "x", intervalMs: 1000, timeoutMs: 900))
    #expect(
      check.failure(body: Self.hundredThousandLabels, contentType: nil)
        == "label_limit exceeded (metric: a, number of labels: 100003, limit: 1000)")
  }
}
