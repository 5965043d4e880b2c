import PromQL
import Testing

/// Selectors, lookback, staleness, subqueries and range queries.
@Suite(.timeLimit(.minutes(5)))
struct EngineTests {
  @Test func selectorsReadTheLatestSampleWithinTheLookback() throws {
    #expect(
      try EngineFixture.values("temperature", at: 4 * EngineFixture.minute) == [
        "{__name__=\"temperature\", room=\"x\"}": 24
      ])
    #expect(try EngineFixture.values("temperature", at: 5 * EngineFixture.minute) == [:])  // stale marker
    #expect(try EngineFixture.values("http_requests_total{instance=\"a\"}", at: 90_000).values.first == 60)
    #expect(try EngineFixture.values("info", at: 5 * EngineFixture.minute - 1).count == 1)
    #expect(try EngineFixture.values("info", at: 5 * EngineFixture.minute) == [:])  // lookback is (t-5m, t]
    #expect(
      try EngineFixture.values("http_requests_total offset 5m", at: 10 * EngineFixture.minute).count == 2)
    #expect(try EngineFixture.values("http_requests_total{instance=\"a\"} @ 60").values.first == 60)
  }

  @Test(arguments: [2, 8, 9, 40])
  func droppingNamesIntoTheSameLabelsIsAnErrorForAnyVectorSize(_ metrics: Int) throws {
    let series = (0..<metrics).map {
      Series(labels: Labels(["__name__": "m\($0)", "job": "a"]), timestamps: [0], values: [1])
    }
    let engine = Engine(storage: InMemoryStorage(series))
    #expect(throws: EvaluationError("vector cannot contain metrics with the same labelset")) {
      try engine.instantQuery("{__name__=~\"m.*\"} * 2", at: 0)
    }
    #expect(throws: EvaluationError("vector cannot contain metrics with the same labelset")) {
      try engine.rangeQuery(Parser.parse("-{__name__=~\"m.*\"}"), start: 0, end: 30_000, step: 15_000)
    }
    // Distinct labels stay fine.
    let distinct = series.enumerated().map {
      Series(
        labels: Labels(["__name__": "m\($0.offset)", "job": "\($0.offset)"]), timestamps: [0], values: [1])
    }
    let result = try Engine(storage: InMemoryStorage(distinct)).instantQuery("{__name__=~\"m.*\"} * 2", at: 0)
    guard case .vector(let samples) = result else { throw EvaluationError("not a vector") }
    #expect(samples.count == metrics)
  }

  @Test func subqueries() throws {
    #expect(
      try EngineFixture.values("max_over_time(rate(http_requests_total[2m])[5m:1m])") == [
        "{instance=\"a\", job=\"api\"}": 1, "{instance=\"b\", job=\"api\"}": 2,
      ])
    #expect(
      try EngineFixture.values("count_over_time(temperature[5m:1m])", at: 4 * EngineFixture.minute) == [
        "{room=\"x\"}": 5
      ])
  }

  @Test func rangeQueriesEvaluateEveryStep() throws {
    let expr = try Parser.parse("sum(http_requests_total)")
    let result = try EngineFixture.engine.rangeQuery(
      expr, start: 0, end: 2 * EngineFixture.minute, step: EngineFixture.minute)
    #expect(result.count == 1)
    #expect(result.first?.timestamps == [0, 60_000, 120_000])
    #expect(result.first?.values == [0, 180, 360])
    #expect(throws: EvaluationError.self) {
      try EngineFixture.engine.rangeQuery(expr, start: 10, end: 0, step: 1)
    }
  }

  @Test func deepQueriesStopBeforeTheStackEnds() async throws {
    let expr = try Parser.parse(
      String(repeating: "abs(", count: 50) + "temperature" + String(repeating: ")", count: 50))
    let value = try EngineFixture.engine.instantQuery(expr, at: EngineFixture.minute)
    #expect(value.type == .vector)
  }
}

extension EngineTests {
  @Test func extremeTimesGiveErrorsOrResultsNotTraps() throws {
    let engine = EngineFixture.engine
    for query in [
      "rate(http_requests_total[5m] @ -9223372036854775)", "http_requests_total[1y] offset -290y",
      "max_over_time(temperature[1y:1ms])", "sum_over_time(temperature[5m:1m] @ 9223372036854775)",
      "time() - 1e308", "timestamp(temperature offset 292y)", "year(vector(1e300))",
    ] {
      _ = try? engine.instantQuery(query, at: Int64.max / 2)
      _ = try? engine.instantQuery(query, at: Int64.min / 2)
      _ = try? engine.rangeQuery(Parser.parse(query), start: Int64.max - 10, end: Int64.max, step: 3)
    }
    #expect(throws: EvaluationError.self) {
      try engine.rangeQuery(Parser.parse("1"), start: Int64.min, end: Int64.max, step: 1)
    }
  }
}
