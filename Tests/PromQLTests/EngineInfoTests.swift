import PromQL
import Testing

/// `info()`: data labels from info series that share `instance` and `job`.
@Suite(.timeLimit(.minutes(5)))
struct EngineInfoTests {
  static let engine = Engine(
    storage: InMemoryStorage([
      Series(
        labels: Labels(["__name__": "m", "instance": "a", "job": "1", "data": "base"]), timestamps: [0],
        values: [5]),
      Series(labels: Labels(["__name__": "m", "instance": "b", "job": "1"]), timestamps: [0], values: [6]),
      Series(
        labels: Labels(["__name__": "target_info", "instance": "a", "job": "1", "data": "x", "region": "eu"]),
        timestamps: [0], values: [1]),
      Series(
        labels: Labels(["__name__": "build_info", "instance": "a", "job": "1", "version": "2"]),
        timestamps: [0],
        values: [1]),
    ]))

  func labels(_ query: String) throws -> [String] {
    guard case .vector(let samples) = try Self.engine.instantQuery(query, at: 0, options: .all) else {
      return []
    }
    return samples.map(\.labels.description).sorted()
  }

  @Test func addsTargetInfoLabelsTheSampleLacks() throws {
    #expect(
      try labels("info(m)") == [
        "{__name__=\"m\", data=\"base\", instance=\"a\", job=\"1\", region=\"eu\"}",
        "{__name__=\"m\", instance=\"b\", job=\"1\"}",
      ])
  }

  @Test func aDataMatcherPicksLabelsAndDropsUnmatchedSamples() throws {
    #expect(
      try labels("info(m, {region=~\".+\"})") == [
        "{__name__=\"m\", data=\"base\", instance=\"a\", job=\"1\", region=\"eu\"}"
      ])
    #expect(try labels("info(m, {region=~\".*\"})").count == 2)
  }

  @Test func readsOtherInfoMetricsByName() throws {
    #expect(
      try labels("info(m{instance=\"a\"}, {__name__=\"build_info\"})") == [
        "{__name__=\"m\", data=\"base\", instance=\"a\", job=\"1\", version=\"2\"}"
      ])
    // Info series themselves pass through.
    #expect(
      try labels("info(target_info)") == [
        "{__name__=\"target_info\", data=\"x\", instance=\"a\", job=\"1\", region=\"eu\"}"
      ]
    )
  }
}
