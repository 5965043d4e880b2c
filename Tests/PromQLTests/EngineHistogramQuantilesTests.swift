import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct EngineHistogramQuantilesTests {
  @Test func writesEachQuantileIntoTheLabel() throws {
    let engine = Engine(
      storage: InMemoryStorage(
        [("1", 10.0), ("2", 20), ("+Inf", 20)].map {
          Series(labels: Labels(["__name__": "x_bucket", "le": $0.0]), timestamps: [0], values: [$0.1])
        }))
    guard
      case .vector(let samples) = try engine.instantQuery(
        "histogram_quantiles(x_bucket, \"q\", 0.5, 1)", at: 0, options: .all)
    else {
      Issue.record("expected a vector")
      return
    }
    #expect(
      Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.value) }) == [
        "{q=\"0.5\"}": 1, "{q=\"1.0\"}": 2,
      ])
  }

  @Test func rejectsAnInvalidLabelName() {
    #expect(throws: EvaluationError.self) {
      try Engine(storage: InMemoryStorage([])).instantQuery(
        "histogram_quantiles(x, \"\\xff\", 0.5)", at: 0, options: .all)
    }
  }
}
