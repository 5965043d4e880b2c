import PromQL
import RayRecTesting
import Testing

/// Every in-process query has Prometheus's limits; `.queryLimits(...)` changes them for a suite.
@Suite(
  .recording("recordings/ray-2.60-workload.rayrec"), .queryLimits(timeout: .seconds(30), maxSamples: 5),
  .timeLimit(.minutes(2)))
struct QueryLimitsTests {
  @Test func aSuiteTraitSetsTheLimitsOfItsTests() {
    #expect(QueryLimits.current == QueryLimits(timeout: .seconds(30), maxSamples: 5))
  }

  @Test func anExpectationPastTheSampleBudgetFailsWithPrometheusText() {
    FailureMessagesTests.expectIssue(containing: [
      "query failed", "query processing would load too many samples into memory in query execution",
    ]) { try expectValue("count(count_over_time(up[10m]))", equals: 1) }
  }

  @Test func aQueryWithinTheBudgetStillAnswers() throws {
    try expectValue("count(up)", equals: 3)
  }

  @Test(.queryLimits(timeout: .milliseconds(10)))
  func aRunawayQueryEndsAtTheTimeout() throws {
    let runaway =
      String(repeating: "max_over_time(", count: 10) + "up" + String(repeating: "[5m:1m])", count: 10)
    let recording = try #require(Recording.current)
    #expect(throws: EvaluationError.queryTimeout) {
      _ = try recording.backend.instantQuery(runaway, at: recording.endMs)
    }
  }

  @Test func withoutATraitTheLimitsAreTheDefaultsOfPrometheus() {
    let defaults = QueryLimits()
    #expect(defaults.timeout == .seconds(120))
    #expect(defaults.maxSamples == 50_000_000)
  }
}
