import Archive
import Foundation
import HTTP
import Testing

@testable import Recorder

#if canImport(Glibc)
  import Glibc
#endif

/// A write that fails mid-recording (here: the file size limit, as a full disk would) stops the
/// recording with a clear error, and what was written before stays readable.
@Suite(.timeLimit(.minutes(2)))
struct WriteFailureTests {
  @Test func aFailedWriteStopsTheRecordingWithTheError() async {
    // In a child process: the size limit would hit every other test's files too.
    await #expect(processExitsWith: .exitCode(3)) {
      signal(SIGXFSZ, SIG_IGN)
      var random = SystemRandomNumberGenerator()
      let body =
        Array("# TYPE x gauge\n".utf8)
        + (0..<400).flatMap { i in Array("x{i=\"\(i)\"} \(random.next() % 1_000_000_007)\n".utf8) }
      guard
        let server = try? HTTPServer(
          handler: HTTPHandlerClosure { _, _ in .response(HTTPResponse(body: body)) }),
        let bound = try? server.start([SocketAddress(host: "127.0.0.1", port: 0)!]),
        let target = try? ScrapeTarget.parse("127.0.0.1:\(bound[0].address.port)/metrics", defaultJob: "x"),
        let client = try? HTTPClient()
      else { exit(5) }
      var options = RecordingOptions()
      options.intervalMs = 100
      options.timeoutMs = 90
      options.durationMs = 20_000
      options.targets = [target]
      let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "rayrec-\(UUID().uuidString).rayrec"
      )
      .path
      var limit = rlimit(rlim_cur: 6_000, rlim_max: 6_000)
      _ = withUnsafePointer(to: &limit) { setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), $0) }
      do {
        _ = try await Recorder(options: options, recorderVersion: "t").record(
          to: path, client: client, stop: StopFlag())
        exit(4)
      } catch RecorderError.write(let failed, let message) {
        guard failed == path, message.contains("File too large") || message.contains("large") else { exit(6) }
        // Every frame written before the failure is still there.
        guard let reader = try? ArchiveReader(path: path), !reader.frames.isEmpty else { exit(7) }
        exit(3)
      } catch {
        exit(8)
      }
    }
  }
}
