import Foundation
import Testing

@testable import RayRecCLI
@testable import Recorder

/// Issue 20 §2 and §3 on the command line: Prometheus's per-scrape limits as `record` options
/// (range-checked where they are parsed), the reason a target is down in the closing summary,
/// and a scenario recording that is never longer than its scenario.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RecordLimitOptionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let scenario = root + "/scenarios/seed-healthy.scn"

  @Test func bodySizesReadAsPrometheusReadsThem() {
    #expect(ByteSizeArgument.bytes("64MiB") == 64 << 20)
    #expect(ByteSizeArgument.bytes("10MB") == 10 << 20)
    #expect(ByteSizeArgument.bytes("1KB") == 1024)
    #expect(ByteSizeArgument.bytes("1.5KiB") == 1536)
    #expect(ByteSizeArgument.bytes("1GB512MB") == (1 << 30) + (512 << 20))
    #expect(ByteSizeArgument.bytes("100B") == 100)
    #expect(ByteSizeArgument.bytes("7EiB") == 7 << 60)
    #expect(ByteSizeArgument.bytes("0") == 0)
    for bad in [
      "", "100", "kB", "10kB", "MB", "-1MB", "1.2.3MB", "8EiB", "99999999999999999999EB", "1e3MB", "10 MB",
    ] {
      #expect(ByteSizeArgument.bytes(bad) == nil, "\(bad)")
    }
  }

  @Test func everyLimitOptionRefusesWhatIsOutOfRangeAsAUsageError() {
    let out = ArchiveCommandsTests.temp("limits.rayrec")
    let cases: [(String, String, String)] = [
      ("--body-size-limit", "10kB", "--body-size-limit: invalid size '10kB': expected a size such as 64MiB"),
      ("--body-size-limit", "100", "less than 8EiB"),
      ("--body-size-limit", "8EiB", "--body-size-limit: invalid size '8EiB'"),
      (
        "--sample-limit", "-1",
        "--sample-limit: '-1' is not a whole number from 0 (no limit) to 9223372036854775807"
      ),
      ("--label-limit", "1.5", "--label-limit: '1.5' is not a whole number"),
      (
        "--label-name-length-limit", "99999999999999999999",
        "--label-name-length-limit: '99999999999999999999' is not"
      ),
      ("--label-value-length-limit", "ten", "--label-value-length-limit: 'ten' is not a whole number"),
    ]
    for (option, value, message) in cases {
      for live in [true, false] {
        let source = live ? ["--target", "127.0.0.1:1"] : ["--scenario", Self.scenario]
        let (code, _, err) = RayRecTests.run(["record", "-o", out] + source + [option, value])
        #expect(code == 64, "\(option) \(value): \(err)")
        #expect(err.contains(message), "\(option) \(value): \(err)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func aScenarioRecordingWithALimitFailsItsScrapesAndSaysWhy() throws {
    let out = ArchiveCommandsTests.temp("limited.rayrec")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let (code, _, err) = RayRecTests.run([
      "record", "--scenario", Self.scenario, "--duration", "1m", "--sample-limit", "1", "-o", out,
    ])
    #expect(code == 1, "every scrape fails the limit: \(err)")
    #expect(err.contains("127.0.0.1:8080 is down: malformed: sample limit exceeded"), "\(err)")
  }

  @Test func theSummaryNamesWhyEachTargetIsDown() {
    var status = RecordingStatus()
    status.frames = 4
    status.failedFrames = 2
    status.downTargets = ["127.0.0.1:9100"]
    status.neverAnswered = ["127.0.0.1:9100"]
    status.downReasons = [
      "127.0.0.1:9100": "bodyTooLarge: read response from 127.0.0.1:9100: body size limit exceeded"
    ]
    var console = Console(passthrough: false)
    let args = ParsedArguments(path: ["record"])
    _ = RecordCommand.summarize(status, "x.rayrec", args, &console)
    #expect(
      console.errText.contains(
        "x.rayrec: 127.0.0.1:9100 is down: bodyTooLarge: read response from 127.0.0.1:9100: body size limit exceeded\n"
      ), "\(console.errText)")
  }

  @Test func aScenarioDurationLongerThanTheScenarioIsCutToItWithAWarning() throws {
    for asked in ["1h", "290y"] {
      let out = ArchiveCommandsTests.temp("capped.rayrec")
      defer { try? FileManager.default.removeItem(atPath: out) }
      let (code, _, err) = RayRecTests.run([
        "record", "--scenario", Self.scenario, "--duration", asked, "-o", out,
      ])
      #expect(code == 0, "\(err)")
      #expect(
        err.contains(
          "\(out): warning: --duration \(asked) is longer than the scenario (30m); recording its 30m"),
        "\(err)")
      let (_, frames, _) = RayRecTests.run(["query", out, "count_over_time(up[1h])", "--time", "end"])
      // 30m at 5s: 360 scrapes per target (the scenario starts at 12:00; its last at 12:29:55).
      #expect(frames.contains("360"), "\(frames)")
    }
  }
}
