import PromQL
import Testing

/// Arithmetic, comparisons, set operators and vector matching.
@Suite(.timeLimit(.minutes(5)))
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

extension EngineBinaryTests {
  @Test func fillModifiersStandInForMissingSeries() throws {
    let engine = Engine(
      storage: InMemoryStorage([
        Series(labels: Labels(["__name__": "a", "k": "1"]), timestamps: [0], values: [10]),
        Series(labels: Labels(["__name__": "a", "k": "2"]), timestamps: [0], values: [20]),
        Series(labels: Labels(["__name__": "b", "k": "2"]), timestamps: [0], values: [2]),
        Series(labels: Labels(["__name__": "b", "k": "3"]), timestamps: [0], values: [3]),
      ]))
    guard case .vector(let samples) = try engine.instantQuery("a + fill(0) b", at: 0, options: .all) else {
      Issue.record("expected a vector")
      return
    }
    let values = Dictionary(uniqueKeysWithValues: samples.map { ($0.labels["k"] ?? "", $0.value) })
    #expect(values == ["1": 10, "2": 22, "3": 3])
  }
}
