import Testing

@testable import PromQL

/// Counts the storage's selects, to see the cache at work.
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
struct SelectionCacheTests {
  @Test func rangeQueriesSelectOncePerSelector() throws {
    let storage = CountingStorage(
      InMemoryStorage([
        Series(
          labels: Labels(["__name__": "x"]), timestamps: Array(stride(from: 0, to: 600_000, by: 10_000)),
          values: Array(repeating: 1, count: 60))
      ]))
    let engine = Engine(storage: storage)
    let result = try engine.rangeQuery(
      Parser.parse("rate(x[1m]) + x"), start: 60_000, end: 540_000, step: 30_000)
    #expect(result.first?.timestamps.count == 17)
    #expect(storage.selects == 2)
  }

  @Test func subqueriesInRangeQueriesDoNotFetchAtEveryStep() throws {
    let storage = CountingStorage(
      InMemoryStorage([
        Series(
          labels: Labels(["__name__": "x"]), timestamps: Array(stride(from: 0, to: 3_600_000, by: 15_000)),
          values: (0..<240).map(Double.init))
      ]))
    let engine = Engine(storage: storage)
    let result = try engine.rangeQuery(
      Parser.parse("max_over_time(sum(x)[10m:1m])"), start: 1_200_000, end: 3_000_000, step: 15_000)
    #expect(result.first?.timestamps.count == 121)
    #expect(storage.selects <= 3)
    // A subquery range far beyond the query's span: the selection grows instead of being
    // fetched again at every step.
    storage.selects = 0
    let long = try engine.rangeQuery(
      Parser.parse("max_over_time(sum(x)[40m:1m])"), start: 2_400_000, end: 2_700_000, step: 15_000)
    #expect(long.first?.timestamps.count == 21)
    #expect(storage.selects <= 12)
  }

  static func dayOfX() -> CountingStorage {
    CountingStorage(
      InMemoryStorage([
        Series(
          labels: Labels(["__name__": "x"]),
          timestamps: Array(stride(from: 0, to: 2 * 86_400_000, by: 60_000)),
          values: (0..<2880).map(Double.init))
      ]))
  }

  @Test func aSubqueryOverADayGrowsItsSelectionByDoubling() throws {
    let storage = Self.dayOfX()
    let result = try Engine(storage: storage).rangeQuery(
      Parser.parse("max_over_time(sum(x)[1d:1m])"), start: 86_400_000, end: 90_000_000, step: 15_000)
    #expect(result.first?.timestamps.count == 241)
    #expect(result.first?.values.last == 1500)
    // 24 spans of the query before it; doubling reaches them in a handful of fetches.
    #expect(storage.selects <= 8)
  }

  @Test func disjointWindowsOfOneSelectorKeepSelectionsOfTheirOwn() throws {
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
    #expect(storage.selects <= 2)
  }

  @Test func slicesKeepOnlyTheWindow() {
    let series = [
      Series(labels: Labels(["a": "1"]), timestamps: [0, 10, 20], values: [1, 2, 3]),
      Series(labels: Labels(["a": "2"]), timestamps: [30], values: [4]),
    ]
    let sliced = SelectionCache.slice(series, start: 5, end: 20)
    #expect(sliced.count == 1)
    #expect(sliced.first?.timestamps == [10, 20])
  }
}
