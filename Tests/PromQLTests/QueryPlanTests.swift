import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct QueryPlanTests {
  /// The plan of `text` over a range query from 1h to 2h, step 1m, lookback 5m.
  static func plan(_ text: String) throws -> QueryPlan {
    let engine = Engine(storage: InMemoryStorage([]))
    let expr = try Parser.parse(text, options: .all)
    return QueryPlan(
      expr, for: Evaluation(engine: engine, queryStart: 3_600_000, queryEnd: 7_200_000, step: 60_000))
  }

  static func extents(_ text: String) throws -> [[Int64]] {
    try plan(text).reads.map { [$0.start, $0.end] }
  }

  @Test func anInstantSelectorReadsOneLookbackBeforeTheFirstStep() throws {
    #expect(try Self.extents("x") == [[3_300_000, 7_200_000]])
  }

  @Test func aRangeSelectorReadsItsRangeBeforeTheFirstStepAndItsOffsetEarlier() throws {
    #expect(try Self.extents("rate(x[10m] offset 1h)") == [[-600_000, 3_600_000]])
  }

  @Test func anAtModifierPinsTheExtentWhateverTheSteps() throws {
    #expect(try Self.extents("x @ 100") == [[-200_000, 100_000]])
    #expect(try Self.extents("x[1m] @ start()") == [[3_540_000, 3_600_000]])
    #expect(try Self.extents("x @ end() offset 1m") == [[6_840_000, 7_140_000]])
  }

  @Test func aSubqueryWidensWhatItsInnerSelectorsRead() throws {
    // Inner steps run from 1h - 5m - 30m to 2h - 5m; the rate reads 5m before the first of them.
    #expect(try Self.extents("max_over_time(rate(x[5m])[30m:1m] offset 5m)") == [[1_200_000, 6_900_000]])
    // Nested: 1h - 1h - 10m, then the lookback.
    #expect(try Self.extents("min_over_time(max_over_time(x[10m:])[1h:])") == [[-900_000, 7_200_000]])
  }

  @Test func smoothedAndAnchoredSelectorsReadPastTheirWindows() throws {
    #expect(try Self.extents("x smoothed") == [[3_300_000, 7_500_000]])
    #expect(try Self.extents("rate(x[1m] anchored)") == [[3_240_000, 7_500_000]])
  }

  @Test func eachSelectorNodeHasAReadOfItsOwn() throws {
    let plan = try Self.plan("x - x offset 1d + x")
    #expect(plan.reads.count == 3)
    #expect(Set(plan.reads.map(\.selector.position.start)).count == 3)
  }

  @Test func equalNodesShareOneReadCoveringBoth() {
    var plan = QueryPlan()
    let selector = VectorSelector(
      name: "x", matchers: [LabelMatcher(equal: "__name__", "x")], position: PositionRange(start: 0, end: 0))
    plan.add(selector, start: 10, end: 20)
    plan.add(selector, start: 0, end: 15)
    #expect(plan.reads.count == 1)
    #expect(plan.slot(of: selector) == 0)
    #expect((plan.reads[0].start, plan.reads[0].end) == (0, 20))
  }

  @Test func infoLooksUpItsSeriesWithoutAPlannedRead() throws {
    let plan = try Self.plan("info(up, {k=\"v\"})")
    #expect(plan.reads.map(\.selector.name) == ["up"])
  }
}
