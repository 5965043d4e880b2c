import PromQL
import Testing

/// `label_replace`, `label_join`, `histogram_quantile` and the calendar functions.
@Suite(.timeLimit(.minutes(5)))
struct EngineLabelFunctionsTests {
  @Test func labelReplaceExpandsGroups() throws {
    let result = try EngineFixture.values(
      "label_replace(info, \"short\", \"${1}x$name\", \"version\", \"(?P<name>.*)\")", at: 0)
    #expect(result.keys.first?.contains("short=\"1x1\"") == true)
    let unchanged = try EngineFixture.values(
      "label_replace(info, \"a\", \"b\", \"version\", \"nomatch\")", at: 0)
    #expect(unchanged.keys.first?.contains("a=") == false)
    #expect(throws: EvaluationError.self) {
      try EngineFixture.query("label_replace(info, \"a\", \"b\", \"c\", \"(\")", at: 0)
    }
  }

  @Test func labelJoinJoinsValues() throws {
    let result = try EngineFixture.values(
      "label_join(info, \"both\", \"-\", \"instance\", \"version\")", at: 0)
    #expect(result.keys.first?.contains("both=\"a-1\"") == true)
  }

  @Test func bucketQuantileInterpolates() {
    let buckets: [(upper: Double, count: Double)] = [(0.1, 50), (0.5, 90), (.infinity, 100)]
    #expect(EngineFixture.approximately(EngineFixture.bucketQuantile(0.7, buckets), 0.3))
    #expect(EngineFixture.bucketQuantile(0.99, buckets) == 0.5)
    #expect(EngineFixture.bucketQuantile(2, buckets) == .infinity)
    #expect(EngineFixture.bucketQuantile(0.5, [(0.1, 1)]).isNaN)
  }

  @Test func calendarFunctionsUseUTC() throws {
    // 2024-02-29T13:45:00Z
    let time = "vector(1709214300)"
    #expect(try EngineFixture.values("year(\(time))") == ["{}": 2024])
    #expect(try EngineFixture.values("month(\(time))") == ["{}": 2])
    #expect(try EngineFixture.values("day_of_month(\(time))") == ["{}": 29])
    #expect(try EngineFixture.values("days_in_month(\(time))") == ["{}": 29])
    #expect(try EngineFixture.values("day_of_year(\(time))") == ["{}": 60])
    #expect(try EngineFixture.values("day_of_week(\(time))") == ["{}": 4])
    #expect(try EngineFixture.values("hour(\(time))") == ["{}": 13])
    #expect(try EngineFixture.values("minute(\(time))") == ["{}": 45])
  }
}
