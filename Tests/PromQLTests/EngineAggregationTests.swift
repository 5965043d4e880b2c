import PromQL
import Testing

/// Aggregation operators.
@Suite(.timeLimit(.minutes(5)))
struct EngineAggregationTests {
  @Test func aggregations() throws {
    #expect(try EngineFixture.values("sum(http_requests_total)") == ["{}": 1800])
    #expect(try EngineFixture.values("sum by (job) (http_requests_total)") == ["{job=\"api\"}": 1800])
    #expect(
      try EngineFixture.values("avg without (instance) (http_requests_total)") == ["{job=\"api\"}": 900])
    #expect(try EngineFixture.values("max(http_requests_total)") == ["{}": 1200])
    #expect(try EngineFixture.values("count(http_requests_total)") == ["{}": 2])
    #expect(try EngineFixture.values("stddev(http_requests_total)") == ["{}": 300])
    #expect(try EngineFixture.values("quantile(0.5, http_requests_total)") == ["{}": 900])
    #expect(
      try EngineFixture.values("topk(1, http_requests_total)").keys.first?.contains("instance=\"b\"") == true)
    #expect(try EngineFixture.values("count_values(\"v\", http_requests_total)").count == 2)
  }

  @Test func limitkKeepsTheFirstSeriesOfEachGroup() throws {
    let value = try EngineFixture.engine.instantQuery(
      "limitk(1, http_requests_total)", at: EngineFixture.minute, options: .all)
    guard case .vector(let samples) = value else {
      Issue.record("expected a vector")
      return
    }
    #expect(samples.map { $0.labels["instance"] } == ["a"])
  }
}
