import PromQL
import PromQLScript
import Testing

/// Scripts far larger than Prometheus's own: loading must take time proportional to their size
/// (the suite's time limit is what a quadratic reader fails), and what they ask for is bounded.
@Suite(.timeLimit(.minutes(1)))
struct ScriptScaleTests {
  /// A `load` of `count` series `m{i="0"}`, ..., then an eval counting them.
  static func script(series count: Int) -> String {
    var text = "load 1m\n"
    for i in 0..<count { text += "  m{i=\"\(i)\"} 0+1x2\n" }
    return text + "\neval instant at 2m count(m)\n  {} \(count)\n"
  }

  static func outcome(_ text: String, runner: ScriptRunner = ScriptRunner()) throws -> EvalResult.Outcome? {
    try runner.run(Script.parse(text, file: "big.test")).first?.outcome
  }

  @Test func aLoadOfTwoHundredThousandSeriesIsRead() throws {
    let script = try Script.parse(Self.script(series: 200_000), file: "big.test")
    guard case .load(let load) = script.commands.first else {
      Issue.record("no load")
      return
    }
    #expect(load.series.count == 200_000)
    #expect(load.series.last?.labels == Labels(["__name__": "m", "i": "199999"]))
  }

  @Test func aLoadOfTwentyThousandSeriesIsRun() throws {
    #expect(try Self.outcome(Self.script(series: 20_000)) == .passed)
  }

  @Test func aRepeatedSeriesReplacesTheEarlierLineAndMovesToTheEnd() throws {
    let script = try Script.parse("load 1m\n  a 1\n  b 2\n  a 3\n  c 4\n  b 5\n", file: "s.test")
    guard case .load(let load) = script.commands.first else {
      Issue.record("no load")
      return
    }
    #expect(load.series.map { $0.labels.metricName } == ["a", "c", "b"])
    #expect(load.series.map(\.values) == [[3], [4], [5]])
  }

  @Test func theSeriesOfAScriptMayHoldAtMostTenMillionValues() throws {
    // Each item is within its own limit; ten of them and one more value are not.
    let items = Array(repeating: "1x999999", count: 11).joined(separator: " ")
    let error = try #require(throws: ScriptError.self) {
      try Script.parse("load 1m\n  a 1\n  b \(items)\n", file: "big.test")
    }
    #expect(error.line == 3)
    #expect(
      error.message == "too many values: the script's series would hold 10000001 (limit 10000000 per script)")
  }

  @Test func expectedValuesCountAgainstTheSameBudget() throws {
    let items = Array(repeating: "1x999999", count: 6).joined(separator: " ")
    let text = "load 1m\n  a \(items)\n\neval range from 0 to 1m step 1m a\n  a \(items)\n"
    let error = try #require(throws: ScriptError.self) { try Script.parse(text, file: "big.test") }
    #expect(error.line == 5)
    #expect(error.message.hasPrefix("too many values: the script's series would hold 11000000 "))
  }

  @Test func queriesStopAtPrometheusDefaultLimits() {
    let runner = ScriptRunner()
    #expect(runner.maxSamples == 50_000_000)
    #expect(runner.timeout == .seconds(120))
  }

  @Test func aQueryOverTheSampleBudgetFailsInsteadOfRunning() throws {
    var runner = ScriptRunner()
    runner.maxSamples = 10
    let outcome = try Self.outcome(
      "load 1m\n  a 0+1x20\n\neval instant at 20m count_over_time(a[20m])\n  {} 20\n", runner: runner)
    #expect(outcome == .failed("unexpected error: " + EvaluationError.tooManySamples.message))
  }

  @Test func aQueryPastTheTimeoutFailsInsteadOfRunning() throws {
    var runner = ScriptRunner()
    runner.timeout = .milliseconds(100)
    // 1,440 subquery steps of 864,000 steps each: over a billion evaluations.
    let query = "count_over_time(count_over_time(vector(1)[1d:100ms])[1d:1m])"
    let outcome = try Self.outcome("eval instant at 1d \(query)\n  {} 1\n", runner: runner)
    #expect(outcome == .failed("unexpected error: " + EvaluationError.queryTimeout.message))
  }

  @Test func aLongTokenInAnErrorIsCutShortWithItsLength() throws {
    let word = String(repeating: "w", count: 1_000_000)
    let error = try #require(throws: ScriptError.self) { try Script.parse("\(word) 1\n", file: "s.test") }
    #expect(error.message == "invalid command \"\(String(repeating: "w", count: 100))\"... (1000000 bytes)")
    let value = try #require(throws: ScriptError.self) {
      try Script.parse("load 1m\n  a \(word)\n", file: "s.test")
    }
    #expect(
      value.message.hasPrefix(
        "invalid value '\(String(repeating: "w", count: 100))'... (1000000 bytes) in series 'a'"))
  }
}
