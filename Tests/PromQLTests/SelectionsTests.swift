import Testing

@testable import PromQL

/// Counts the storage's selects, to see the plan at work.
final class CountingStorage: Storage, @unchecked Sendable {
  let inner: InMemoryStorage
  var selects = 0

  init(_ inner: InMemoryStorage) { self.inner = inner }

  func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    selects += 1
    return inner.select(matchers: matchers, start: start, end: end)
  }
}

@Suite(.timeLimit(.minutes(5)))
struct SelectionsTests {
  static func dayOfX() -> CountingStorage {
    CountingStorage(
      InMemoryStorage([
        Series(
          labels: Labels(["__name__": "x"]),
          timestamps: Array(stride(from: 0, to: 2 * 86_400_000, by: 60_000)),
          values: (0..<2880).map(Double.init))
      ]))
  }

  @Test func rangeQueriesSelectOncePerSelectorNode() throws {
    let storage = CountingStorage(
      InMemoryStorage([
        Series(
          labels: Labels(["__name__": "x"]), timestamps: Array(stride(from: 0, to: 600_000, by: 10_000)),
          values: Array(repeating: 1, count: 60))
      ]))
    let result = try Engine(storage: storage).rangeQuery(
      Parser.parse("rate(x[1m]) + x"), start: 60_000, end: 540_000, step: 30_000)
    #expect(result.first?.timestamps.count == 17)
    #expect(storage.selects == 2)
  }

  @Test func aSubqueryOverADayIsFetchedOnce() throws {
    let storage = Self.dayOfX()
    let result = try Engine(storage: storage).rangeQuery(
      Parser.parse("max_over_time(sum(x)[1d:1m])"), start: 86_400_000, end: 90_000_000, step: 15_000)
    #expect(result.first?.timestamps.count == 241)
    #expect(result.first?.values.last == 1500)
    #expect(storage.selects == 1)
  }

  @Test func aSubqueryInAnInstantQueryIsFetchedOnceToo() throws {
    let storage = Self.dayOfX()
    let expr = try Parser.parse("max_over_time(rate(x[5m])[1h:1m])")
    let value = try Engine(storage: storage).instantQuery(expr, at: 90_000_000)
    #expect(storage.selects == 1)
    // The same as reading the storage afresh at every inner step.
    let unplanned = Evaluation(
      engine: Engine(storage: storage), queryStart: 90_000_000, queryEnd: 90_000_000, step: 0)
    #expect(value == (try unplanned.evaluate(expr, at: 90_000_000)))
    // Without a plan, once per inner step: 60 in (t - 1h, t].
    #expect(storage.selects == 61)
  }

  @Test func disjointWindowsOfOneSelectorAreNodesOfTheirOwn() throws {
    let storage = Self.dayOfX()
    let result = try Engine(storage: storage).rangeQuery(
      Parser.parse("x - x offset 1d"), start: 86_400_000, end: 90_000_000, step: 15_000)
    #expect(result.first?.values.allSatisfy { $0 == 1440 } == true)
    #expect(storage.selects == 2)
  }

  @Test func aSelectorAtTheEndOfTimeIsFetchedOnce() throws {
    let storage = Self.dayOfX()
    let result = try Engine(storage: storage).rangeQuery(
      Parser.parse("x @ 9223372036854775"), start: 0, end: 3_600_000, step: 15_000)
    #expect(result.isEmpty)
    #expect(storage.selects == 1)
  }

  @Test func aReadThePlanDoesNotCoverGoesToTheStorage() throws {
    let storage = Self.dayOfX()
    let selector = VectorSelector(
      name: "x", matchers: [LabelMatcher(equal: "__name__", "x")], position: PositionRange(start: 0, end: 1))
    var plan = QueryPlan()
    plan.add(selector, start: 0, end: 600_000)
    let selections = Selections(storage: storage, plan: plan)
    #expect(selections.slot(of: selector, covering: 60_000, 600_000) == 0)
    #expect(selections.slot(of: selector, covering: 60_000, 600_000) == 0)
    #expect(storage.selects == 1)
    #expect(selections.slot(of: selector, covering: 60_000, 660_000) == nil)
    var moved = selector
    moved.position = PositionRange(start: 4, end: 5)
    #expect(selections.slot(of: moved, covering: 60_000, 600_000) == nil)
    #expect(storage.selects == 1)
  }

  @Test func freshSeriesLeaveOutStaleMarkersAndEmptySeries() {
    let stale = StaleMarker.value
    #expect(
      Selections.withoutStaleMarkers(Series(labels: .empty, timestamps: [0, 1, 2], values: [1, stale, 3]))?
        .timestamps == [0, 2])
    #expect(Selections.withoutStaleMarkers(Series(labels: .empty, timestamps: [0], values: [stale])) == nil)
  }

  @Test func slicesKeepOnlyTheWindow() {
    let series = [
      Series(labels: Labels(["a": "1"]), timestamps: [0, 10, 20], values: [1, 2, 3]),
      Series(labels: Labels(["a": "2"]), timestamps: [30], values: [4]),
    ]
    let sliced = Selections.slice(series, start: 5, end: 20)
    #expect(sliced.count == 1)
    #expect(sliced.first?.timestamps == [10, 20])
  }

  @Test func theNewestSampleMustBeInTheLookbackAndNotStale() {
    let times: [Int64] = [0, 10, 20]
    #expect(Evaluation.newestSample(times, [1, 2, 3], lower: 0, upper: 3, notBefore: 5) == 2)
    #expect(Evaluation.newestSample(times, [1, 2, 3], lower: 0, upper: 1, notBefore: 5) == nil)
    #expect(
      Evaluation.newestSample(times, [1, 2, StaleMarker.value], lower: 0, upper: 3, notBefore: 5) == nil)
    #expect(Evaluation.newestSample(times, [1, 2, 3], lower: 1, upper: 1, notBefore: 0) == nil)
  }
}
