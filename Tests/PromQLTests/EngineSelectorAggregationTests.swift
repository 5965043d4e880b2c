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

  /// An evaluation as a range query sets it up: planned for `expr`, with a label memo.
  static func rangeEvaluation(_ expr: Expr) -> Evaluation {
    let engine = Engine(storage: storage)
    var evaluation = Evaluation(engine: engine, queryStart: 0, queryEnd: 30_000, step: 15_000).planned(expr)
    evaluation.memo = LabelMemo()
    return evaluation
  }

  static func aggregate(_ text: String) throws -> AggregateExpr {
    guard case .aggregate(let aggregate) = try Parser.parse(text) else {
      throw EvaluationError("not an aggregation: \(text)")
    }
    return aggregate
  }

  /// The aggregation evaluated at `time` as a range query over `0...30s` evaluates it.
  static func fold(_ text: String, at time: Int64) throws -> [VectorSample]? {
    let aggregate = try aggregate(text)
    return try rangeEvaluation(.aggregate(aggregate)).selectorAggregate(aggregate, at: time)
  }

  @Test func foldsTheNewestSampleOfEachSeriesIntoItsGroup() throws {
    let sums = try #require(try Self.fold("sum by (job) (up)", at: 30_000))
    // Instance 1 went stale at 30s, so only instance 2 counts for job a.
    #expect(sums.map(\.labels) == [Labels(["job": "a"]), Labels(["job": "b"])])
    #expect(sums.map(\.value) == [1, 0])
    let counts = try #require(try Self.fold("count without (instance) (up)", at: 15_000))
    #expect(counts.map(\.value) == [2, 1])
    let lowest = try #require(try Self.fold("min(up)", at: 0))
    #expect(lowest.map(\.value) == [0])
  }

  @Test func groupsAreFoundOncePerNodeAndTransform() throws {
    let expr = try Parser.parse("sum by (job) (up)")
    guard case .aggregate(let aggregate) = expr else { throw EvaluationError("not an aggregation") }
    let evaluation = Self.rangeEvaluation(expr)
    let memo = try #require(evaluation.memo)
    let selector = try #require(aggregate.expr.plainSelector)
    let slot = try #require(evaluation.selections.slot(of: selector, covering: 0, 30_000))
    let first = evaluation.selections.grouping(slot, by: .keeping(["job"]), memo: memo)
    #expect(first.groups == [0, 0, 1])
    #expect(evaluation.selections.grouping(slot, by: .keeping(["job"]), memo: memo) === first)
    let byInstance = evaluation.selections.grouping(slot, by: .keeping(["instance"]), memo: memo)
    #expect(byInstance !== first)
    // Groupings of one node share its samples laid end to end.
    #expect(byInstance.samples === first.samples)
  }

  @Test func aStepOutsideThePlanTakesTheGeneralPath() throws {
    // The plan covers the query's steps; a time past its end is not in the node's selection.
    #expect(try Self.fold("sum(up)", at: 600_000) == nil)
  }

  @Test(arguments: ["avg(up)", "topk(1, up)", "sum(up * 2)", "sum(rate(up[1m]))"])
  func otherAggregationsTakeTheGeneralPath(_ text: String) throws {
    #expect(try Self.fold(text, at: 30_000) == nil)
  }

  @Test func instantQueriesTakeTheGeneralPath() throws {
    let engine = Engine(storage: Self.storage)
    let aggregate = try Self.aggregate("sum(up)")
    let evaluation = Evaluation(engine: engine, queryStart: 30_000, queryEnd: 30_000, step: 0)
      .planned(.aggregate(aggregate))
    #expect(try evaluation.selectorAggregate(aggregate, at: 30_000) == nil)
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
