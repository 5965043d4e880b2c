import PromQL
import Testing

/// `delayedNameRemoval`: `__name__` is flagged by name-dropping operations and goes at the end.
@Suite(.timeLimit(.minutes(5)))
struct EngineDelayedNameRemovalTests {
  static func engine(delayed: Bool) -> Engine {
    var engine = Engine(
      storage: InMemoryStorage([
        Series(
          labels: Labels(["__name__": "a_total", "env": "1"]), timestamps: [0, 60_000], values: [0, 60]),
        Series(
          labels: Labels(["__name__": "b_total", "env": "1"]), timestamps: [0, 60_000], values: [0, 120]),
      ]))
    engine.delayedNameRemoval = delayed
    return engine
  }

  func labels(_ query: String, delayed: Bool = true) throws -> [String: Double] {
    guard case .vector(let samples) = try Self.engine(delayed: delayed).instantQuery(query, at: 60_000) else {
      return [:]
    }
    return Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.value) })
  }

  @Test func labelReplaceStillSeesTheName() throws {
    #expect(
      try labels("label_replace(abs({env=\"1\"}), \"was\", \"$1\", \"__name__\", \"(.+)\")") == [
        "{env=\"1\", was=\"a_total\"}": 60, "{env=\"1\", was=\"b_total\"}": 120,
      ])
    // Without the feature the two rates collide as soon as their names go.
    #expect(throws: EvaluationError.self) {
      try labels(
        "label_replace(abs({env=\"1\"}), \"was\", \"$1\", \"__name__\", \"(.+)\")", delayed: false)
    }
  }

  @Test func writingTheNameKeepsIt() throws {
    #expect(
      try labels("label_replace(abs(a_total), \"__name__\", \"rate_$1\", \"__name__\", \"(.+)\")") == [
        "{__name__=\"rate_a_total\", env=\"1\"}": 60
      ])
  }

  @Test func aggregationsSeeTheNameAndCollisionsSurfaceAtTheEnd() throws {
    #expect(try labels("sum by (env) (abs({env=\"1\"}))") == ["{env=\"1\"}": 180])
    #expect(throws: EvaluationError("vector cannot contain metrics with the same labelset")) {
      try labels("sum by (__name__) (abs({env=\"1\"}))")
    }
    #expect(try labels("abs(a_total)") == ["{env=\"1\"}": 60])
  }

  @Test func rangeQueriesRemoveFlaggedNamesAtEveryStep() throws {
    let series = try Self.engine(delayed: true).rangeQuery(
      Parser.parse("abs(a_total)"), start: 0, end: 60_000, step: 60_000)
    #expect(series.map(\.labels) == [Labels(["env": "1"])])
  }
}
