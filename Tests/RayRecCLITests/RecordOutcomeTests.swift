import Basics
import Foundation
import Testing

@testable import RayRecCLI
@testable import Recorder

/// Issue 15, points 3 and 7: a recording where nothing answered fails, naming the targets; the
/// live lines say which targets are down and how far along things are, fit the terminal, and
/// durations read one way everywhere.
@Suite(.serialized, .timeLimit(.minutes(1))) struct RecordOutcomeTests {
  @Test func aRecordingWhereEveryScrapeFailedExitsOneAndNamesTheTargets() throws {
    let out = ArchiveCommandsTests.temp("down.rayrec")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let args = [
      "record", "--target", "127.0.0.1:1", "--target", "gcs=127.0.0.1:2/x", "--interval", "200ms",
      "--timeout", "100ms", "--duration", "700ms", "-o", out,
    ]
    let (code, stdout, err) = RayRecTests.run(args)
    #expect(code == 1)
    #expect(stdout.contains("failed), 0 bytes raw"))
    #expect(err.contains("\(out): never answered: 127.0.0.1:1, 127.0.0.1:2/x (every scrape failed"), "\(err)")
    #expect(err.contains("no scrape succeeded"))
    #expect(err.contains("--allow-failures"))
    #expect(FileManager.default.fileExists(atPath: out), "the archive is still written")
    #expect(RayRecTests.run(["verify", out]).0 == 0)
    try FileManager.default.removeItem(atPath: out)
    let (allowed, _, _) = RayRecTests.run(args + ["--allow-failures"])
    #expect(allowed == 0)
  }

  @Test func aScenarioWhoseTargetsAllFailExitsOne() throws {
    let scenario = ArchiveCommandsTests.temp("down.scn")
    let out = ArchiveCommandsTests.temp("down.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: scenario)
      try? FileManager.default.removeItem(atPath: out)
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    var text = try String(contentsOfFile: root + "/scenarios/seed-healthy.scn", encoding: .utf8)
    text = text.replacingOccurrences(of: "duration 30m", with: "duration 1m")
    text += "\nat 0s fault head down\nat 0s fault w1 down\nat 0s fault w2 down\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: scenario))
    let (code, _, err) = RayRecTests.run(["record", "--scenario", scenario, "-o", out])
    #expect(code == 1, "\(err)")
    #expect(err.contains("never answered: 127.0.0.1:8080, 127.0.0.1:8126, 127.0.0.1:8265"), "\(err)")
  }

  @Test func theRecordLineNamesDownTargetsAndTheTimeLeft() {
    var status = RecordingStatus()
    status.targetsUp = 2
    status.targetsDown = 1
    status.downTargets = ["127.0.0.1:8126"]
    status.frames = 12
    status.failedFrames = 3
    status.elapsedMs = 65_000
    status.remainingMs = 535_000
    #expect(
      status.line
        == "1m5s of 10m | targets 2 up, 1 down (127.0.0.1:8126) | 12 frames (3 failed) | 0 B raw, 0 B stored, 0x"
    )
    status.downTargets = ["a:1", "b:1", "c:1", "d:1", "e:1"]
    status.remainingMs = nil
    #expect(status.line.hasPrefix("1m5s | targets 2 up, 1 down (a:1, b:1, c:1, +2 more) |"))
  }

  @Test func liveLinesAreCutToTheTerminalWidth() {
    let line = String(repeating: "x", count: 100)
    #expect(LiveLine.fit(line, width: 40) == String(repeating: "x", count: 38) + "…")
    #expect(LiveLine.fit(line, width: 40).count == 39)
    #expect(LiveLine.fit("short", width: 40) == "short")
  }

  @Test(arguments: [
    (Int64(0), "0s"), (285, "285ms"), (1000, "1s"), (12_500, "12.5s"), (59_999, "59.999s"),
    (60_000, "1m"), (120_285, "2m"), (1_796_999, "29m57s"), (3_605_000, "1h5s"), (300_000_000, "83h20m"),
  ])
  func durationsReadOneWayEverywhere(_ ms: Int64, _ text: String) {
    #expect(DurationText.format(ms) == text)
  }
}
