import Foundation
import Glibc
import HTTP
import TestSupport
import Testing

@testable import RayRecCLI

/// `rayrec record` as a user runs it: the built binary as a child process, against local servers
/// that misbehave, then `info` and `cat --headers` on what it wrote.
@Suite(.timeLimit(.minutes(5)), .serialized, .enabled(if: BuiltTool.rayrec != nil)) struct RecordCommandTests
{
  static var binary: String? { BuiltTool.rayrec }

  static func serve(counting served: ServedRequests = ServedRequests()) throws -> (HTTPServer, UInt16) {
    let server = try HTTPServer(
      handler: HTTPHandlerClosure { request, _ in
        served.note(String(request.path))
        switch request.path {
        case "/ok":
          return .response(
            HTTPResponse(headers: ["Content-Type": "text/plain; version=0.0.4"], body: Array("a 1\n".utf8)))
        case "/500": return .response(HTTPResponse(status: 503, body: Array("overloaded".utf8)))
        case "/slow": return .deferred
        case "/reset":
          return .resetAfter(HTTPResponse(body: [UInt8](repeating: 0x61, count: 500)), bodyBytes: 10)
        default: return .response(HTTPResponse(body: Array("a{b=\"c\"} oops\n".utf8)))
        }
      })
    return (server, try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port)
  }

  static func spawn(_ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary!)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }

  @Test func failuresShowInInfoAndCat() throws {
    let (server, port) = try Self.serve()
    defer { Task { await server.stop() } }
    let out = ArchiveCommandsTests.temp("rec.rayrec")
    defer { try? FileManager.default.removeItem(atPath: out) }
    var args = ["record", "-o", out, "--interval", "1s", "--timeout", "300ms", "--duration", "2500ms"]
    for name in ["ok", "500", "slow", "reset", "malformed"] {
      args += ["--target", "\(name)=127.0.0.1:\(port)/\(name)"]
    }
    let p = try Self.spawn(args)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let (code, info, _) = RayRecTests.run(["info", out])
    #expect(code == 0)
    for failure in ["http 503", "timeout", "reset", "malformed"] {
      #expect(info.contains(failure), "\(failure): \(info)")
    }
    let target = "http://127.0.0.1:\(port)/500"
    let (_, cat, _) = RayRecTests.run(["cat", out, "--target", target, "--headers"])
    #expect(cat.hasPrefix("HTTP/1.1 503\n"))
    #expect(cat.hasSuffix("\n\noverloaded"))
    let (_, slow, _) = RayRecTests.run(["cat", out, "--target", "http://127.0.0.1:\(port)/slow", "--headers"])
    #expect(slow.hasPrefix("# scrape failed (timeout)"))
  }

  @Test func sigintLeavesAnArchiveThatVerifies() async throws {
    let served = ServedRequests()
    let (server, port) = try Self.serve(counting: served)
    defer { Task { await server.stop() } }
    let out = ArchiveCommandsTests.temp("int.rayrec")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let p = try Self.spawn([
      "record", "-o", out, "--interval", "200ms", "--timeout", "150ms", "--target", "127.0.0.1:\(port)/ok",
    ])
    // Interrupted once it has scraped (its signal handlers are in place by then).
    #expect(await served.wait(for: "/ok", count: 2))
    p.interrupt()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let (code, verified, err) = RayRecTests.run(["verify", out])
    #expect(code == 0, "\(err)")
    #expect(verified.contains("ok:"))
  }

  @Test func sigtermEndsAScenarioRecordingWithAClosedArchiveAndNoPartialFile() throws {
    // A month of virtual time takes minutes to write, so the signal comes in the middle.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let directory = ArchiveCommandsTests.temp("sigterm")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var text = try String(contentsOfFile: root + "/scenarios/seed-healthy.scn", encoding: .utf8)
    text = text.replacingOccurrences(of: "duration 30m", with: "duration 30d")
    let scenario = directory + "/month.scn"
    try Data(text.utf8).write(to: URL(fileURLWithPath: scenario))
    let out = directory + "/month.rayrec"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Self.binary!)
    p.arguments = ["record", "--scenario", scenario, "-o", out]
    let errors = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = errors
    try p.run()
    func partials() -> [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
        $0.contains(".partial-")
      }
    }
    // Waits (bounded) until frames are being written: the partial file exists and has grown.
    var polls = 0
    while polls < 1200, p.isRunning,
      partials().isEmpty
        || ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + partials()[0]))?[.size]
          as? Int
          ?? 0) < 100_000
    {
      Thread.sleep(forTimeInterval: 0.05)
      polls += 1
    }
    #expect(p.isRunning, "still recording when the signal is sent")
    p.terminate()
    polls = 0
    while p.isRunning, polls < 1200 {
      Thread.sleep(forTimeInterval: 0.05)
      polls += 1
    }
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(p.terminationReason == .exit, "ended by exiting, not by the signal: \(stderr)")
    #expect(p.terminationStatus == 0, "\(stderr)")
    #expect(partials().isEmpty, "no partial file left")
    #expect(stderr.contains("\(out): stopped by a signal at "), "\(stderr)")
    #expect(stderr.contains("of 720h; the archive holds the scrapes before, closed cleanly"), "\(stderr)")
    let (code, verified, err) = RayRecTests.run(["verify", out])
    #expect(code == 0, "\(err)")
    #expect(verified.contains("ok:"), "\(verified)")
  }

  @Test func missingTargetsAreAUsageError() {
    let (code, _, err) = RayRecTests.run(["record", "-o", "/tmp/never.rayrec"])
    #expect(code == 64)
    #expect(err.contains("no targets"))
  }
}

/// The `rayrec` binary `swift build` made beside the tests (absent when only the tests were built).
enum BuiltTool {
  static let rayrec: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = root.appendingPathComponent(".build/debug/rayrec").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()
}
