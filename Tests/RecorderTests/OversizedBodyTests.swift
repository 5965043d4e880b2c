import Archive
import Foundation
import HTTP
import Synchronization
import Testing

@testable import Recorder

/// Issue 20 §2: an oversized scrape costs the recorder no more than its limit and the archive no
/// more than the first 64 KiB of it; a gzip bomb is cut at the same limit as it inflates.
@Suite(.timeLimit(.minutes(3)), .serialized) struct OversizedBodyTests {
  /// Records `targets` until each has `frames` frames (the duration only bounds a starved run).
  static func record(
    _ targets: [String], frames: Int, configure: (inout RecordingOptions) -> Void = { _ in }
  ) async throws -> (RecordingStatus, ArchiveReader, [Frame], String) {
    var options = RecordingOptions()
    options.intervalMs = 500
    options.timeoutMs = 450
    options.durationMs = 120_000
    options.targets = try targets.map { try ScrapeTarget.parse($0, defaultJob: "x") }
    configure(&options)
    let path = RecorderTests.temporaryPath("oversized.rayrec")
    let client = try HTTPClient()
    let stop = StopFlag()
    let wanted = targets.count * frames
    let status = try await Recorder(options: options, recorderVersion: "t").record(
      to: path, client: client, stop: stop
    ) { if $0.frames >= wanted { stop.stop() } }
    await client.shutdown()
    let reader = try ArchiveReader(path: path)
    return (status, reader, try reader.allFrames(), path)
  }

  @Test func anEndlessBodyFailsAtTheLimitAndKeepsOnlyItsFirst64KiB() async throws {
    let chunked = try EvilPeer(.endlessChunked)
    let unframed = try EvilPeer(.endlessUntilClose)
    defer {
      chunked.stop()
      unframed.stop()
    }
    let (status, reader, frames, path) = try await Self.record(
      ["chunked=127.0.0.1:\(chunked.port)", "unframed=127.0.0.1:\(unframed.port)"], frames: 2
    ) { $0.maxBodyBytes = 1 << 20 }
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(reader.closedCleanly)
    #expect(frames.count >= 4)
    let expectedPrefix = Array((0..<600).flatMap { _ in EvilPeer.line }.prefix(64 * 1024))
    for frame in frames {
      guard case .failed(.bodyTooLarge, let message) = frame.outcome else {
        Issue.record("expected bodyTooLarge, got \(frame.outcome)")
        continue
      }
      #expect(message.contains("body size limit exceeded: the body is more than 1048576 bytes"), "\(message)")
      #expect(message.contains("the first 65536 kept"), "\(message)")
      #expect(
        frame.body == expectedPrefix, "a failed frame keeps the first 64 KiB, not \(frame.body.count) bytes")
    }
    // Each failed scrape stored a 64 KiB prefix, not the megabyte it read.
    #expect(status.rawBytes == frames.count * 64 * 1024)
    #expect(status.downReasons.values.allSatisfy { $0.hasPrefix("bodyTooLarge: ") }, "\(status.downReasons)")
  }

  @Test func aGzipBombIsCutAtTheLimitWhileItInflates() async throws {
    // Two members are 32 MiB of zeros in a few KiB: under the limit on the wire, over it inflated.
    // The peer then holds the connection, so only inflating as the bytes arrive can end the
    // scrape before its timeout.
    let bomb = try EvilPeer(.gzipBombThenHold(members: 2))
    defer { bomb.stop() }
    let client = try HTTPClient()
    var request = HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: bomb.port), timeout: .seconds(60))
    request.maxBodyBytes = 1 << 20
    let result = await client.scrape(request)
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .bodyTooLarge, "\(error)")
    #expect(
      error.message == "body size limit exceeded: the body after gzip decoding is more than 1048576 bytes")
    let partial = try #require(error.partial)
    #expect(partial.wasGzip)
    #expect(partial.body == [UInt8](repeating: 0, count: 64 * 1024))
    // Cut within one inflated piece (64 KiB) of the limit, not after the bomb's 32 MiB.
    #expect(error.receivedBodyBytes > 1 << 20)
    #expect(error.receivedBodyBytes <= (1 << 20) + 64 * 1024)
    // The client closed the connection at the limit; the peer sees it go (bounded wait).
    for _ in 0..<200 where bomb.closedByClient.load(ordering: .relaxed) == 0 {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(bomb.closedByClient.load(ordering: .relaxed) == 1)
  }

  @Test func aGzipBodyWithinTheLimitStillDecodesWhole() async throws {
    let body = Array(String(repeating: "ok_metric 1\n", count: 50_000).utf8)
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { _, _ in
        .response(HTTPResponse(headers: ["Content-Encoding": "gzip"], body: Gzip.compress(body)))
      })
    let port = try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port
    let client = try HTTPClient()
    var request = HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port))
    request.maxBodyBytes = body.count
    let exact = await client.scrape(request)
    request.maxBodyBytes = body.count - 1
    let over = await client.scrape(request)
    await client.shutdown()
    await server.stop()
    #expect(exact.response?.body == body)
    #expect(exact.response?.wasGzip == true)
    #expect(over.error?.kind == .bodyTooLarge)
  }
}
