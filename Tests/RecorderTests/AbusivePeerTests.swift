import Archive
import Foundation
import Glibc
import HTTP
import Testing

@testable import Recorder

/// The abusive peers that found issue 20 (`../shared/tools/abuse`, run with python3), recorded
/// together: every failed frame keeps at most 64 KiB, the archive stays small, each target fails
/// the way it misbehaves. Skipped where `../shared` (beside the package root) or python3 is missing.
@Suite(.timeLimit(.minutes(3)), .serialized, .enabled(if: AbuseScripts.evilTargets != nil))
struct AbusivePeerTests {
  @Test func theEightEvilTargetsAreRecordedInBoundedSpace() async throws {
    let base = try #require(Self.freePorts(8), "eight free ports in a row")
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
    // Bounded wait until every listener is up (the fast-answering one, 100k labels, answers).
    for _ in 0..<100 where !(0..<8).allSatisfy({ Self.listening(base + $0) }) {
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

  /// The first of `count` consecutive ports nobody listens on (checked by binding them).
  static func freePorts(_ count: Int) -> UInt16? {
    for _ in 0..<50 {
      let base = UInt16.random(in: 30_000...60_000)
      if (0..<UInt16(count)).allSatisfy({ canBind(base + $0) }) { return base }
    }
    return nil
  }

  static func canBind(_ port: UInt16) -> Bool { onLoopback(port) { bind($0, $1, $2) } }

  static func listening(_ port: UInt16) -> Bool { onLoopback(port) { connect($0, $1, $2) } }

  /// Runs `call` (bind or connect) on a new TCP socket with 127.0.0.1:`port`; true when it succeeded.
  static func onLoopback(
    _ port: UInt16, _ call: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Int32
  ) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        call(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    } == 0
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
