import PromQL
import Testing

/// Functions over instant and range vectors.
@Suite(.timeLimit(.minutes(5)))
struct EngineFunctionsTests {
  @Test func rateExtrapolatesLikePrometheus() throws {
    #expect(
      try EngineFixture.values("rate(http_requests_total[5m])") == [
        "{instance=\"a\", job=\"api\"}": 1, "{instance=\"b\", job=\"api\"}": 2,
      ])
    #expect(try EngineFixture.values("increase(http_requests_total{instance=\"a\"}[5m])").values.first == 300)
    #expect(try EngineFixture.values("irate(http_requests_total{instance=\"b\"}[5m])").values.first == 2)
    #expect(
      try EngineFixture.values("delta(temperature[3m])", at: 4 * EngineFixture.minute).values.first == 3)
    #expect(
      try EngineFixture.values("deriv(temperature[5m])", at: 4 * EngineFixture.minute).values.first == 1.0
        / 60)
  }

  @Test func functions() throws {
    #expect(
      try EngineFixture.values("histogram_quantile(0.5, latency_bucket)", at: EngineFixture.minute) == [
        "{}": 0.1
      ])
    #expect(
      try EngineFixture.values("histogram_quantile(0.7, latency_bucket)", at: EngineFixture.minute).values
        .first.map {
          ($0 * 1e9).rounded() / 1e9
        } == 0.3)
    #expect(
      try EngineFixture.values("label_replace(info, \"v\", \"v$1\", \"version\", \"(.*)\")", at: 0).keys
        .first?.contains(
          "v=\"v1\"") == true)
    #expect(try EngineFixture.values("absent(nope{job=\"x\"})") == ["{job=\"x\"}": 1])
    #expect(try EngineFixture.query("scalar(sum(http_requests_total))") == .scalar(1800))
    #expect(
      try EngineFixture.values("max_over_time(temperature[10m])", at: 6 * EngineFixture.minute) == [
        "{room=\"x\"}": 24
      ])
    #expect(try EngineFixture.values("year(vector(0))") == ["{}": 1970])
    #expect(try EngineFixture.values("day_of_week(vector(86400 * 3))") == ["{}": 0])
  }

}
