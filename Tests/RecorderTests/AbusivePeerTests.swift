import Archive
import Foundation
import HTTP
import Testing

@testable import Recorder

/// The abusive peers that found issue 20 (`../shared/tools/abuse`, run with python3), recorded
/// together: every failed frame keeps at most 64 KiB, the archive stays small, each target fails
/// the way it misbehaves. Skipped where `../shared` (beside the package root) or python3 is missing.
@Suite(.timeLimit(.minutes(3)), .serialized, .enabled(if: AbuseScripts.evilTargets != nil))
struct AbusivePeerTests {
  @Test func theEightEvilTargetsAreRecordedInBoundedSpace() async throws {
    let base = UInt16.random(in: 30_000...40_000)
    let log = RecorderTests.temporaryPath("evil.log")
    let peers = Process()
    peers.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    peers.arguments = ["python3", AbuseScripts.evilTargets!, "\(base)", log, "60"]
    peers.standardOutput = FileHandle.nullDevice
    peers.standardError = FileHandle.nullDevice
    try peers.run()
    defer {
      if peers.isRunning { peers.terminate() }
      try? FileManager.default.removeItem(atPath: log)
    }
    // Bounded wait for the last listener to accept connections.
    for _ in 0..<100 {
      if let probe = try? HTTPClient() {
        let answered = await probe.scrape(
          HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: base + 5), timeout: .seconds(2)))
        await probe.shutdown()
        if answered.error?.kind != .connectionRefused { break }
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    let kinds = ["chunked", "unframed", "length10g", "gzipbomb", "drip", "labels", "headers", "silence"]
    let targets = kinds.enumerated().map { "\($0.element)=127.0.0.1:\(Int(base) + $0.offset)" }
    let (status, reader, frames, path) = try await OversizedBodyTests.record(targets, frames: 3) {
      $0.intervalMs = 1000
      $0.timeoutMs = 900
      $0.maxBodyBytes = 4 << 20
    }
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(reader.closedCleanly)
    func outcomes(_ job: String) -> [FrameOutcome] {
      let id = reader.targets.first { $0.job == job }!.id
      return frames.filter { $0.targetID == id }.map(\.outcome)
    }
    for frame in frames where frame.outcome.isFailure {
      #expect(frame.body.count <= 64 * 1024, "\(frame.outcome): \(frame.body.count) bytes kept")
    }
    for job in ["chunked", "unframed", "length10g", "gzipbomb", "silence"] {
      #expect(
        outcomes(job).allSatisfy { if case .failed(.bodyTooLarge, _) = $0 { true } else { false } },
        "\(job): \(outcomes(job))")
    }
    #expect(outcomes("labels").allSatisfy { $0 == .response(status: 200) })
    #expect(outcomes("drip").allSatisfy { if case .failed(.timeout, _) = $0 { true } else { false } })
    #expect(outcomes("headers").allSatisfy { if case .failed(.httpError, _) = $0 { true } else { false } })
    // 1.1 MB per labels frame, at most 64 KiB for each of the others.
    #expect(status.rawBytes <= frames.count * 1_200_000)
  }
}

/// Where `../shared/tools/abuse` is, relative to the package root (nil without it or python3).
enum AbuseScripts {
  static let evilTargets: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("shared/tools/abuse/evil_targets.py").path
    let python =
      ["/usr/bin/python3", "/usr/local/bin/python3"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
      }
      || ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/python3")
      } == true
    return FileManager.default.fileExists(atPath: path) && python ? path : nil
  }()
}
