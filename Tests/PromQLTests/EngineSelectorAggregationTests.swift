import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct EngineSelectorAggregationTests {
  static let storage = InMemoryStorage([
    Series(
      labels: Labels(["__name__": "up", "job": "a", "instance": "1"]), timestamps: [0, 15_000, 30_000],
      values: [1, 1, StaleMarker.value]),
    Series(
      labels: Labels(["__name__": "up", "job": "a", "instance": "2"]), timestamps: [0, 15_000, 30_000],
      values: [0, 1, 1]),
    Series(
      labels: Labels(["__name__": "up", "job": "b", "instance": "3"]), timestamps: [15_000, 30_000],
      values: [1, 0]),
  ])

  /// An evaluation as a range query sets it up: with a selection cache and a label memo.
  static func rangeEvaluation() -> Evaluation {
    let engine = Engine(storage: storage)
    var evaluation = Evaluation(engine: engine, queryStart: 0, queryEnd: 30_000, step: 15_000)
    evaluation.cache = SelectionCache(storage: storage, span: 30_000)
    evaluation.memo = LabelMemo()
    return evaluation
  }

  static func aggregate(_ text: String) throws -> AggregateExpr {
    guard case .aggregate(let aggregate) = try Parser.parse(text) else {
      throw EvaluationError("not an aggregation: \(text)")
    }
    return aggregate
  }

  @Test func foldsTheNewestSampleOfEachSeriesIntoItsGroup() throws {
    let evaluation = Self.rangeEvaluation()
    let sums = try #require(try evaluation.selectorAggregate(Self.aggregate("sum by (job) (up)"), at: 30_000))
    // Instance 1 went stale at 30s, so only instance 2 counts for job a.
    #expect(sums.map(\.labels) == [Labels(["job": "a"]), Labels(["job": "b"])])
    #expect(sums.map(\.value) == [1, 0])
    let counts = try #require(
      try evaluation.selectorAggregate(Self.aggregate("count without (instance) (up)"), at: 15_000))
    #expect(counts.map(\.value) == [2, 1])
    let lowest = try #require(try evaluation.selectorAggregate(Self.aggregate("min(up)"), at: 0))
    #expect(lowest.map(\.value) == [0])
  }

  @Test func groupsAreFoundOncePerSelection() throws {
    let evaluation = Self.rangeEvaluation()
    let memo = try #require(evaluation.memo)
    let series = try #require(evaluation.cache).covering(
      matchers: [LabelMatcher(equal: "__name__", "up")], start: 0, end: 30_000)
    let first = memo.grouping(of: series, by: .keeping(["job"]))
    let again = memo.grouping(of: series, by: .keeping(["job"]))
    #expect(first.groups == [0, 0, 1])
    #expect(
      again.keys.withUnsafeBufferPointer { $0.baseAddress }
        == first.keys.withUnsafeBufferPointer { $0.baseAddress })
  }

  @Test(arguments: ["avg(up)", "topk(1, up)", "sum(up * 2)", "sum(rate(up[1m]))"])
  func otherAggregationsTakeTheGeneralPath(_ text: String) throws {
    #expect(try Self.rangeEvaluation().selectorAggregate(Self.aggregate(text), at: 30_000) == nil)
  }

  @Test func instantQueriesTakeTheGeneralPath() throws {
    let engine = Engine(storage: Self.storage)
    let evaluation = Evaluation(engine: engine, queryStart: 30_000, queryEnd: 30_000, step: 0)
    #expect(try evaluation.selectorAggregate(Self.aggregate("sum(up)"), at: 30_000) == nil)
  }

  @Test func theUpperBoundIsFoundFromAnyGuess() {
    // Two series end to end, as a grouping holds them: 0...90 and 5...45.
    let times: [Int64] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 5, 15, 25, 35, 45]
    for range in [0..<10, 10..<15, 3..<3] {
      for end in Int64(-5)...Int64(100) {
        let expected = times[range].firstIndex { $0 > end } ?? range.upperBound
        for guess in range.lowerBound...range.upperBound
        where Evaluation.upperBound(times, range, end, from: guess) != expected {
          Issue.record("range \(range) end \(end) guess \(guess)")
        }
      }
    }
  }
}
