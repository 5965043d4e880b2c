import Archive
import Foundation
import Replay
import Testing

@testable import RayRecCLI

/// `rayrec replay` end to end in-process: options, the printed plan, exit at the end.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ReplayCommandTests {
  static func archivePath() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rayrec-replay-cli-\(UUID().uuidString).rayrec").path
    let targets = (0..<2).map {
      ArchiveTarget(id: UInt32($0), url: "http://10.0.0.\($0 + 1):8080/metrics", job: "ray", intervalMs: 5000)
    }
    let writer = try ArchiveWriter(
      path: path, header: ArchiveHeader(createdMs: t0, recorderVersion: "test", targets: targets))
    for step in 0..<3 {
      for target in 0..<2 { try writer.append(okFrame(UInt32(target), t0 + Int64(step) * 5000, step)) }
    }
    try writer.close()
    return path
  }

  func run(_ arguments: [String]) -> (Int32, String, String) {
    var console = Console(passthrough: false)
    let code = RayRecCLI.run(arguments, console: &console)
    return (code, console.outText, console.errText)
  }

  @Test func aFastReplayPrintsItsPlanAndExitsAtTheEnd() throws {
    let path = try Self.archivePath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, err) = run([
      "replay", path, "--speed", "1000x", "--map", "10.0.0.1:8080=127.0.0.1:0", "--map",
      "10.0.0.2:8080=127.0.0.1:0",
    ])
    #expect(code == 0, "\(err)")
    #expect(out.contains("2 targets, 2026-11-25T12:00:00Z to 2026-11-25T12:00:15Z (15s), speed 1000x"))
    #expect(out.contains("  10.0.0.1:8080 -> 127.0.0.1:"))
    #expect(out.contains("rate() and increase() read 1000x the recorded rates, a [5m] range covers 83h20m"))
    #expect(out.contains("replay finished: 0 requests answered"))
  }

  /// Issue 15, point 2: replaying a torn copy says so before serving.
  @Test func aTornArchiveIsReplayedWithAWarning() throws {
    let path = try Self.archivePath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.dropLast(30).write(to: URL(fileURLWithPath: path))
    let (code, _, err) = run([
      "replay", path, "--speed", "1000x", "--map", "10.0.0.1:8080=127.0.0.1:0", "--map",
      "10.0.0.2:8080=127.0.0.1:0",
    ])
    #expect(code == 0)
    #expect(err.hasPrefix("\(path): warning: the archive was not closed cleanly"), "\(err)")
    #expect(err.contains("rayrec repair"))
  }

  @Test func badOptionsAreUsageErrors() throws {
    let path = try Self.archivePath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    for arguments in [
      ["--speed", "fast"], ["--map", "10.0.0.1:8080"], ["--from", "yesterday"], ["--timestamps=now"],
      ["--port-offset", "x"], ["--bind", "localhost6"],
    ] {
      let (code, _, err) = run(["replay", path] + arguments)
      #expect(code == 64, "\(arguments): \(err)")
    }
  }

  @Test func aMissingArchiveIsADataError() {
    let (code, _, err) = run(["replay", "/nonexistent/x.rayrec"])
    #expect(code == 1)
    #expect(err.contains("/nonexistent/x.rayrec"))
  }

  @Test func anEmptyWindowIsADataError() throws {
    let path = try Self.archivePath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, err) = run(["replay", path, "--from", "end", "--to", "start"])
    #expect(code == 1)
    #expect(err.contains("window is empty"))
  }
}

/// Issue 15, point 7: replay's live line and its note on what Prometheus sees.
@Suite(.serialized, .timeLimit(.minutes(1))) struct ReplayLinesTests {
  static func status(loop: Int64 = 0) throws -> ReplayStatus {
    let json = """
      {"mode": "time", "speed": 10, "virtualTimeMs": 1795608090000, "fromMs": 1795608000000,
       "toMs": 1795608300000, "loop": \(loop), "progress": 0.3, "finished": false,
       "targets": [{"instance": "a:1", "job": "ray", "address": "127.0.0.1:1", "state": "serving",
                    "hits": 4}]}
      """
    return try JSONDecoder().decode(ReplayStatus.self, from: Data(json.utf8))
  }

  @Test func theLineShowsRecordedTimeAndNoLoopWithoutLoop() throws {
    #expect(
      try Self.status().line(loops: false)
        == "recorded 2026-11-25T12:01:30Z (+1m30s of 5m, 30%) | targets 1/1 serving | 4 requests")
    #expect(try Self.status(loop: 2).line(loops: true).contains("30%) | pass 3 |"))
  }

  @Test func shiftedTimestampsSayWhereTheWindowLandsAndNotThatRatesAreScaled() throws {
    let path = try ReplayCommandTests.archivePath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    var console = Console(passthrough: false)
    let code = RayRecCLI.run(
      [
        "replay", path, "--speed", "1000x", "--timestamps=shifted", "--map", "10.0.0.1:8080=127.0.0.1:0",
        "--map", "10.0.0.2:8080=127.0.0.1:0",
      ], console: &console)
    #expect(code == 0)
    let note = try #require(console.outText.split(separator: "\n").first { $0.hasPrefix("note: ") })
    #expect(!note.contains("1000x the recorded rates"))
    #expect(note.contains("every sample carries its own time, moved by "))
    #expect(note.contains("so the window lands at "))
    #expect(note.contains("rate() and increase() read the recorded rates"))
    #expect(note.contains("up and scrape_* series still carry its clock"))
  }
}
