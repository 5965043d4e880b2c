import PromQL
import Testing

struct EngineTests {
  static let minute: Int64 = 60_000

  /// `http_requests_total` counters for two instances every minute for 10 minutes, a gauge that goes
  /// stale at 5m, and classic histogram buckets.
  static let engine: Engine = {
    func series(_ labels: [String: String], _ values: [Double], step: Int64 = minute) -> Series {
      Series(labels: Labels(labels), timestamps: values.indices.map { Int64($0) * step }, values: values)
    }
    return Engine(
      storage: InMemoryStorage([
        series(
          ["__name__": "http_requests_total", "job": "api", "instance": "a"], (0...10).map { Double($0) * 60 }
        ),
        series(
          ["__name__": "http_requests_total", "job": "api", "instance": "b"],
          (0...10).map { Double($0) * 120 }),
        series(["__name__": "temperature", "room": "x"], [20, 21, 22, 23, 24, StaleMarker.value]),
        series(["__name__": "info", "instance": "a", "version": "1"], [1]),
        series(["__name__": "latency_bucket", "le": "0.1"], [0, 50]),
        series(["__name__": "latency_bucket", "le": "0.5"], [0, 90]),
        series(["__name__": "latency_bucket", "le": "+Inf"], [0, 100]),
      ]))
  }()

  func query(_ text: String, at time: Int64 = 10 * minute) throws -> Value {
    try Self.engine.instantQuery(text, at: time)
  }

  func values(_ text: String, at time: Int64 = 10 * minute) throws -> [String: Double] {
    guard case .vector(let samples) = try query(text, at: time) else { return [:] }
    return Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.value) })
  }

  @Test func selectorsReadTheLatestSampleWithinTheLookback() throws {
    #expect(try values("temperature", at: 4 * Self.minute) == ["{__name__=\"temperature\", room=\"x\"}": 24])
    #expect(try values("temperature", at: 5 * Self.minute) == [:])  // stale marker
    #expect(try values("http_requests_total{instance=\"a\"}", at: 90_000).values.first == 60)
    #expect(try values("info", at: 5 * Self.minute - 1).count == 1)
    #expect(try values("info", at: 5 * Self.minute) == [:])  // lookback is (t-5m, t]
    #expect(try values("http_requests_total offset 5m", at: 10 * Self.minute).count == 2)
    #expect(try values("http_requests_total{instance=\"a\"} @ 60").values.first == 60)
  }

  @Test func rateExtrapolatesLikePrometheus() throws {
    #expect(
      try values("rate(http_requests_total[5m])") == [
        "{instance=\"a\", job=\"api\"}": 1, "{instance=\"b\", job=\"api\"}": 2,
      ])
    #expect(try values("increase(http_requests_total{instance=\"a\"}[5m])").values.first == 300)
    #expect(try values("irate(http_requests_total{instance=\"b\"}[5m])").values.first == 2)
    #expect(try values("delta(temperature[3m])", at: 4 * Self.minute).values.first == 3)
    #expect(try values("deriv(temperature[5m])", at: 4 * Self.minute).values.first == 1.0 / 60)
  }

  @Test func arithmeticAndMatching() throws {
    #expect(try query("1 + 2 * 3") == .scalar(7))
    #expect(try query("2 ^ 3 ^ 2") == .scalar(512))
    #expect(
      try values("http_requests_total / 60") == [
        "{instance=\"a\", job=\"api\"}": 10, "{instance=\"b\", job=\"api\"}": 20,
      ])
    #expect(
      try values("http_requests_total > 700") == [
        "{__name__=\"http_requests_total\", instance=\"b\", job=\"api\"}": 1200
      ])
    #expect(try values("http_requests_total > bool 700").count == 2)
    #expect(
      try values("http_requests_total * on (instance) group_left (version) info") == [:], "info is too old")
    #expect(
      try values("http_requests_total * on (instance) group_left (version) info", at: Self.minute)
        == ["{instance=\"a\", job=\"api\", version=\"1\"}": 60])
    #expect(try values("http_requests_total and on (instance) info", at: Self.minute).count == 1)
    #expect(try values("http_requests_total unless on (instance) info", at: Self.minute).count == 1)
    #expect(try values("temperature or http_requests_total", at: Self.minute).count == 3)
  }

  @Test func ambiguousMatchingIsAnError() {
    #expect(throws: EvaluationError.self) { try query("http_requests_total + on (job) http_requests_total") }
    #expect(throws: EvaluationError.self) {
      try query("label_replace(http_requests_total, \"instance\", \"same\", \"\", \"\")")
    }
  }

  @Test func aggregations() throws {
    #expect(try values("sum(http_requests_total)") == ["{}": 1800])
    #expect(try values("sum by (job) (http_requests_total)") == ["{job=\"api\"}": 1800])
    #expect(try values("avg without (instance) (http_requests_total)") == ["{job=\"api\"}": 900])
    #expect(try values("max(http_requests_total)") == ["{}": 1200])
    #expect(try values("count(http_requests_total)") == ["{}": 2])
    #expect(try values("stddev(http_requests_total)") == ["{}": 300])
    #expect(try values("quantile(0.5, http_requests_total)") == ["{}": 900])
    #expect(try values("topk(1, http_requests_total)").keys.first?.contains("instance=\"b\"") == true)
    #expect(try values("count_values(\"v\", http_requests_total)").count == 2)
  }

  @Test func functions() throws {
    #expect(try values("histogram_quantile(0.5, latency_bucket)", at: Self.minute) == ["{}": 0.1])
    #expect(
      try values("histogram_quantile(0.7, latency_bucket)", at: Self.minute).values.first.map {
        ($0 * 1e9).rounded() / 1e9
      } == 0.3)
    #expect(
      try values("label_replace(info, \"v\", \"v$1\", \"version\", \"(.*)\")", at: 0).keys.first?.contains(
        "v=\"v1\"") == true)
    #expect(try values("absent(nope{job=\"x\"})") == ["{job=\"x\"}": 1])
    #expect(try query("scalar(sum(http_requests_total))") == .scalar(1800))
    #expect(try values("max_over_time(temperature[10m])", at: 6 * Self.minute) == ["{room=\"x\"}": 24])
    #expect(try values("year(vector(0))") == ["{}": 1970])
    #expect(try values("day_of_week(vector(86400 * 3))") == ["{}": 0])
  }

  @Test func subqueries() throws {
    #expect(
      try values("max_over_time(rate(http_requests_total[2m])[5m:1m])") == [
        "{instance=\"a\", job=\"api\"}": 1, "{instance=\"b\", job=\"api\"}": 2,
      ])
    #expect(try values("count_over_time(temperature[5m:1m])", at: 4 * Self.minute) == ["{room=\"x\"}": 5])
  }
}
