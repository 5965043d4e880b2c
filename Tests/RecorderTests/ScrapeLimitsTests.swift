import Archive
import Foundation
import HTTP
import Testing

@testable import Recorder

/// Issue 20 §2: Prometheus's per-scrape limits (`sample_limit`, `label_limit`,
/// `label_name_length_limit`, `label_value_length_limit`) fail the whole scrape with its text.
@Suite(.timeLimit(.minutes(2)), .serialized) struct ScrapeLimitsTests {
  static let body = Array(
    """
    # TYPE a gauge
    a{x="1"} 1
    a{x="2",empty=""} 2
    b{long_label_name_here="v",job="j"} 3

    """.utf8)
  static let target = ArchiveTarget(
    id: 1, url: "http://127.0.0.1:9100/metrics", job: "node", labels: [ArchiveTarget.Label("cluster", "c1")],
    intervalMs: 5000, timeoutMs: 4000)

  static func failure(_ limits: ScrapeLimits, body: [UInt8] = body) -> String? {
    ScrapeCheck(limits: limits, target: target).failure(body: body, contentType: "text/plain; version=0.0.4")
  }

  @Test func aBodyWithinEveryLimitPasses() {
    #expect(Self.failure(ScrapeLimits()) == nil)
    #expect(
      Self.failure(
        ScrapeLimits(sampleLimit: 3, labelLimit: 6, labelNameLengthLimit: 20, labelValueLengthLimit: 14))
        == nil)
  }

  @Test func moreSamplesThanTheSampleLimitFailTheScrape() {
    #expect(Self.failure(ScrapeLimits(sampleLimit: 2)) == "sample limit exceeded")
  }

  @Test func theLabelLimitCountsTheNameAndTheTargetLabelsButNotEmptyValues() {
    // a{x="1"}: __name__, x, instance, job, cluster = 5; b also has exported_job: 6.
    #expect(
      Self.failure(ScrapeLimits(labelLimit: 4))
        == "label_limit exceeded (metric: a, number of labels: 5, limit: 4)")
    #expect(
      Self.failure(ScrapeLimits(labelLimit: 5))
        == "label_limit exceeded (metric: b, number of labels: 6, limit: 5)")
  }

  @Test func aLongLabelNameFailsTheScrape() {
    #expect(
      Self.failure(ScrapeLimits(labelNameLengthLimit: 12))
        == "label_name_length_limit exceeded (metric: b, label name: long_label_name_here, length: 20, limit: 12)"
    )
  }

  @Test func aLongLabelValueFailsTheScrapeAndTheTargetsOwnLabelsCount() {
    // `instance` is the first label (by name) over 10 bytes.
    #expect(
      Self.failure(ScrapeLimits(labelValueLengthLimit: 10))
        == #"label_value_length_limit exceeded (metric: a, label name: instance, value: "127.0.0.1:9100", length: 14, limit: 10)"#
    )
    let long = Array("\(String(repeating: "m", count: 60)) 1\n".utf8)
    #expect(
      Self.failure(ScrapeLimits(labelValueLengthLimit: 20), body: long)
        == #"label_value_length_limit exceeded (metric: \#(String(repeating: "m", count: 50)), label name: __name__, value: "\#(String(repeating: "m", count: 50))", length: 60, limit: 20)"#
    )
  }

  @Test func aParseErrorComesBeforeTheSampleLimit() throws {
    let bad = Array("a 1\nb 2\nc oops\n".utf8)
    let message = try #require(Self.failure(ScrapeLimits(sampleLimit: 1), body: bad))
    #expect(message.hasPrefix("malformed text 0.0.4 body: "), "\(message)")
  }

  @Test func aRecordingWithALimitStoresTheFailureAndSaysWhy() async throws {
    let body = Self.body
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { _, _ in
        .response(HTTPResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: body))
      })
    let port = try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port
    defer { Task { await server.stop() } }
    let (status, _, frames, path) = try await OversizedBodyTests.record(["127.0.0.1:\(port)"], frames: 2) {
      $0.limits.sampleLimit = 2
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(frames.count >= 2)
    for frame in frames {
      #expect(frame.outcome == .failed(.malformed, message: "sample limit exceeded"))
      #expect(frame.body == body, "kept whole: replay serves it and a Prometheus with the limit fails alike")
    }
    #expect(status.downReasons["127.0.0.1:\(port)"] == "malformed: sample limit exceeded")
  }
}
