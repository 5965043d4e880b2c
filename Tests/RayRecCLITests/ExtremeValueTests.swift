import Foundation
import Testing

@testable import RayRecCLI

/// Extreme numbers through every option that takes a time, duration, speed, size or limit: each
/// is refused as a usage error (or read as a valid extreme), never a trap.
@Suite(.timeLimit(.minutes(2)))
struct ExtremeValueTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let recording = root + "/recordings/ray-2.60-workload.rayrec"
  static let scenario = root + "/scenarios/seed-healthy.scn"
  static let extremes = [
    "1e16", "9223372036854775", "99999999999999999999", "1e17", "+106751991167d", "end+106751991167d",
    "start+106751991167d", "end-106751991167d", "1e308", "-1e16",
  ]

  static func output() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-extreme-\(UUID().uuidString).rayrec"
    ).path
  }

  static var invocations: [[String]] {
    var all: [[String]] = []
    for value in extremes {
      all += [
        ["query", recording, "up", "--time", value],
        ["query", recording, "up", "--start", "start", "--end", value, "--step", "1m"],
        ["query", recording, "up", "--start", "start", "--step", value],
        ["cat", recording, "--target", "127.0.0.1:44217", "--at", value],
        ["check", "dashboard", root + "/dashboards/ray-overview.json", recording, "--from", value],
        [
          "check", "dashboard", root + "/dashboards/ray-overview.json", recording, "--scrape-interval", value,
        ],
        ["record", "--scenario", scenario, "-o", output(), "--interval", value],
        ["record", "--scenario", scenario, "-o", output(), "--duration", value],
        ["record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--body-size-limit", value],
        ["record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--sample-limit", value],
        ["record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--label-limit", value],
        [
          "record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--label-name-length-limit",
          value,
        ],
        [
          "record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--label-value-length-limit",
          value,
        ],
        ["simulate", scenario, "--duration", value],
        ["replay", recording, "--from", value],
        ["replay", recording, "--speed", value],
        ["rules", "eval", root + "/rules/ray.yml", recording, "--from", value],
        ["rules", "eval", root + "/rules/ray.yml", recording, "--interval", value],
        ["query", recording, "up", "--timeout", value],
        ["query", recording, "up", "--max-samples", value],
        ["check", "dashboard", root + "/dashboards/ray-overview.json", recording, "--timeout", value],
        ["rules", "eval", root + "/rules/ray.yml", recording, "--max-samples", value],
        ["test", "rules", root + "/rules/ray.test.yml", "--timeout", value],
        ["promql-test", root + "/rules/ray.test.yml", "--max-samples", value],
      ]
    }
    for size in ["8EiB", "9223372036854775807B", "1e308B", "99999999999999999999EB", "0.0000001B", "-0"] {
      all.append([
        "record", "--scenario", scenario, "-o", output(), "--duration", "1m", "--body-size-limit", size,
      ])
    }
    for speed in ["1e-300", "0", "-1", "1e300", "nan", "inf"] {
      all.append(["replay", recording, "--speed", speed])
    }
    return all
  }

  @Test func everyExtremeValueIsAUsageErrorOrAnAnswer() {
    for arguments in Self.invocations {
      let (code, _, err) = RayRecTests.run(arguments)
      #expect(code == 64 || code == 1 || code == 0, "\(arguments): exit \(code): \(err)")
      if code == 64 { #expect(!err.isEmpty, "\(arguments)") }
    }
  }

  @Test func aPanelIntervalTooLongForMillisecondsIsNoTrap() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-\(UUID().uuidString).json"
    ).path
    try Data(
      #"{"title": "x", "panels": [{"id": 1, "type": "timeseries", "title": "p", "interval": "1e16", "targets": [{"refId": "A", "expr": "up"}]}]}"#
        .utf8
    ).write(to: URL(fileURLWithPath: path))
    let (code, _, _) = RayRecTests.run(["check", "dashboard", path, Self.recording])
    #expect(code == 0 || code == 1)
  }
}
