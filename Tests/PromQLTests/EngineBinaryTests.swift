import PromQL
import Testing

/// Arithmetic, comparisons, set operators and vector matching.
struct EngineBinaryTests {
  @Test func arithmeticAndMatching() throws {
    #expect(try EngineFixture.query("1 + 2 * 3") == .scalar(7))
    #expect(try EngineFixture.query("2 ^ 3 ^ 2") == .scalar(512))
    #expect(
      try EngineFixture.values("http_requests_total / 60") == [
        "{instance=\"a\", job=\"api\"}": 10, "{instance=\"b\", job=\"api\"}": 20,
      ])
    #expect(
      try EngineFixture.values("http_requests_total > 700") == [
        "{__name__=\"http_requests_total\", instance=\"b\", job=\"api\"}": 1200
      ])
    #expect(try EngineFixture.values("http_requests_total > bool 700").count == 2)
    #expect(
      try EngineFixture.values("http_requests_total * on (instance) group_left (version) info") == [:],
      "info is too old")
    #expect(
      try EngineFixture.values(
        "http_requests_total * on (instance) group_left (version) info", at: EngineFixture.minute)
        == ["{instance=\"a\", job=\"api\", version=\"1\"}": 60])
    #expect(
      try EngineFixture.values("http_requests_total and on (instance) info", at: EngineFixture.minute).count
        == 1)
    #expect(
      try EngineFixture.values("http_requests_total unless on (instance) info", at: EngineFixture.minute)
        .count == 1)
    #expect(
      try EngineFixture.values("temperature or http_requests_total", at: EngineFixture.minute).count == 3)
  }

  @Test func ambiguousMatchingIsAnError() {
    #expect(throws: EvaluationError.self) {
      try EngineFixture.query("http_requests_total + on (job) http_requests_total")
    }
    #expect(throws: EvaluationError.self) {
      try EngineFixture.query("label_replace(http_requests_total, \"instance\", \"same\", \"\", \"\")")
    }
  }

}
