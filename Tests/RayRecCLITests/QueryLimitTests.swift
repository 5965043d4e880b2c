import Foundation
import Testing

@testable import RayRecCLI

/// `--timeout` and `--max-samples` on every command that evaluates PromQL: a query past either
/// ends with Prometheus's error text and exit 1, instead of running for minutes.
@Suite(.timeLimit(.minutes(5)))
struct QueryLimitTests {
  static let recording = ExtremeValueTests.recording
  static let root = ExtremeValueTests.root
  /// Ten nested subqueries: about 5x the work per level, far past any timeout below.
  static let runaway =
    String(repeating: "max_over_time(", count: 10) + "up" + String(repeating: "[5m:1m])", count: 10)

  @Test func aQueryPastItsTimeoutFailsWithPrometheusText() {
    let (code, _, err) = RayRecTests.run(["query", Self.recording, Self.runaway, "--timeout", "10ms"])
    #expect(code == 1)
    #expect(err.contains("query timed out in expression evaluation"), "\(err)")
  }

  @Test func aTimeoutIsATimeoutErrorInPrometheusJSON() {
    let (code, out, _) = RayRecTests.run([
      "query", Self.recording, Self.runaway, "--timeout", "10ms", "--json",
    ])
    #expect(code == 1)
    #expect(
      out.contains(
        #"{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}"#),
      "\(out)")
  }

  @Test func aQueryHoldingMoreSamplesThanAllowedFails() {
    let (code, _, err) = RayRecTests.run([
      "query", Self.recording, "count_over_time(up[10m])", "--max-samples", "5",
    ])
    #expect(code == 1)
    #expect(
      err.contains("query processing would load too many samples into memory in query execution"), "\(err)")
    // The same query within the default budget answers.
    let (ok, out, _) = RayRecTests.run(["query", Self.recording, "count_over_time(up[10m])"])
    #expect(ok == 0)
    #expect(!out.isEmpty)
  }

  @Test func aRangeQueryCountsItsResultPointsAgainstTheBudget() {
    let (code, _, err) = RayRecTests.run([
      "query", Self.recording, "up", "--start", "start", "--end", "end", "--step", "15s", "--max-samples",
      "3",
    ])
    #expect(code == 1)
    #expect(err.contains("too many samples"), "\(err)")
  }

  @Test func limitsOutsideTheirRangeAreUsageErrors() {
    for arguments in [
      ["--max-samples", "0"], ["--max-samples", "-5"], ["--max-samples", "1e9"], ["--max-samples", "many"],
      ["--timeout", "0s"], ["--timeout", "soon"],
    ] {
      let (code, _, err) = RayRecTests.run(["query", Self.recording, "up"] + arguments)
      #expect(code == 64, "\(arguments)")
      #expect(err.contains(arguments[0]), "\(arguments): \(err)")
    }
  }

  @Test func aDashboardPanelPastTheBudgetShowsTheErrorAndFailsTheCheck() {
    let (code, out, _) = RayRecTests.run([
      "check", "dashboard", Self.root + "/dashboards/ray-overview.json", Self.recording, "--max-samples", "1",
    ])
    #expect(code == 1)
    #expect(out.contains("too many samples"), "\(out)")
  }

  @Test func ruleEvaluationPastTheBudgetReportsItsErrorsAndExitsOne() {
    let (code, out, _) = RayRecTests.run([
      "rules", "eval", Self.root + "/rules/ray.yml", Self.recording, "--max-samples", "1",
    ])
    #expect(code == 1)
    #expect(out.contains("evaluation errors:"), "\(out)")
    #expect(out.contains("query processing would load too many samples"), "\(out)")
  }

  @Test func rulesWithinTheDefaultsEvaluateCleanly() {
    let (code, out, err) = RayRecTests.run(["rules", "eval", Self.root + "/rules/ray.yml", Self.recording])
    #expect(code == 0, "\(err)")
    #expect(!out.contains("evaluation errors:"))
  }

  @Test func promqlTestScriptsHonourTheTimeout() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-\(UUID().uuidString).test"
    )
    .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(
      """
      load 1m
        up 1+1x100

      eval instant at 100m \(Self.runaway)
        {} 100

      """.utf8
    ).write(to: URL(fileURLWithPath: path))
    let (code, out, _) = RayRecTests.run(["promql-test", path, "--timeout", "10ms"])
    #expect(code == 1)
    #expect(out.contains("query timed out in expression evaluation"), "\(out)")
  }
}
