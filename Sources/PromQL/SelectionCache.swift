/// Remembers what a range query selected, so later steps slice samples from memory instead of
/// asking the storage again: the first request for a set of matchers fetches its window stretched
/// by the query's span, which covers the same selector at every later step.
final class SelectionCache {
  struct Entry {
    /// Kept so that the array's buffer, whose address identifies later requests, stays alive.
    var matchers: [LabelMatcher]
    var start: Int64
    var end: Int64
    var series: [Series]
  }

  let storage: any Storage
  /// How far later steps reach beyond the first (the query's end minus its start).
  let span: Int64
  /// A query has a handful of selectors, each asked at every step with the same matchers array
  /// from the syntax tree: a scan comparing buffer addresses beats hashing the matchers.
  /// One query evaluates on one thread, so the cache needs no lock.
  var entries: [Entry] = []
  /// The same selections without staleness markers, as range selectors read them.
  var freshEntries: [Entry] = []

  init(storage: any Storage, span: Int64) {
    self.storage = storage
    self.span = span
  }

  func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    SelectionCache.slice(covering(matchers: matchers, start: start, end: end), start: start, end: end)
  }

  /// Every series with samples in `[start, end]`, with samples beyond it too: callers pick theirs
  /// by binary search instead of copying a slice.
  func covering(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    if let series = SelectionCache.find(matchers, start, end, in: entries) { return series }
    return fetch(matchers, start, end, into: &entries) { $0 }
  }

  /// ``covering(matchers:start:end:)`` without staleness markers (and series left empty).
  func coveringWithoutStaleMarkers(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    if let series = SelectionCache.find(matchers, start, end, in: freshEntries) { return series }
    return fetch(matchers, start, end, into: &freshEntries) {
      $0.compactMap(SelectionCache.withoutStaleMarkers)
    }
  }

  /// Selections kept per set of matchers: one per disjoint window (`x` and `x offset 4w`).
  static let selectionsPerMatchers = 4

  /// Selects `[start, end + span]`. A selection of the same matchers that overlaps or nearly
  /// meets this window is replaced by one covering both and, when it grows forward, at least
  /// twice as long: a subquery whose range exceeds the query's span walks past any one selection
  /// at every outer step, and doubling keeps its fetches per query logarithmic. Disjoint windows
  /// get selections of their own.
  private func fetch(
    _ matchers: [LabelMatcher], _ start: Int64, _ end: Int64, into entries: inout [Entry],
    _ prepare: ([Series]) -> [Series]
  ) -> [Series] {
    var from = start
    var to = SelectionCache.saturatingAdd(end, span)
    let near = entries.firstIndex { entry in
      entry.matchers == matchers && start <= SelectionCache.saturatingAdd(entry.end, span)
        && entry.start <= SelectionCache.saturatingAdd(end, span)
    }
    if let index = near {
      let old = entries.remove(at: index)
      from = min(from, old.start)
      to = max(to, old.end)
      if end > old.end { to = max(to, SelectionCache.saturatingAdd(old.end, old.end &- old.start)) }
    } else if entries.count(where: { $0.matchers == matchers }) >= SelectionCache.selectionsPerMatchers,
      let oldest = entries.firstIndex(where: { $0.matchers == matchers })
    {
      entries.remove(at: oldest)
    }
    let series = prepare(storage.select(matchers: matchers, start: from, end: to))
    entries.append(Entry(matchers: matchers, start: from, end: to, series: series))
    return series
  }

  /// `a + b`, or the largest time when that overflows (`x @ <far future>`).
  static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
  }

  /// The series of an entry for `matchers` that covers `[start, end]`: the same array first, then
  /// equal matchers.
  static func find(_ matchers: [LabelMatcher], _ start: Int64, _ end: Int64, in entries: [Entry]) -> [Series]?
  {
    for entry in entries.reversed() where entry.start <= start && end <= entry.end {
      if entry.matchers.sharesBuffer(with: matchers) { return entry.series }
    }
    for entry in entries.reversed()
    where entry.start <= start && end <= entry.end && entry.matchers == matchers {
      return entry.series
    }
    return nil
  }

  /// `series` without its staleness markers; nil when nothing else is left.
  static func withoutStaleMarkers(_ series: Series) -> Series? {
    guard series.values.contains(where: StaleMarker.isStale) else { return series }
    var timestamps: [Int64] = []
    var values: [Double] = []
    for (timestamp, value) in zip(series.timestamps, series.values) where !StaleMarker.isStale(value) {
      timestamps.append(timestamp)
      values.append(value)
    }
    if timestamps.isEmpty { return nil }
    return Series(labels: series.labels, timestamps: timestamps, values: values)
  }

  /// The samples of `series` in `[start, end]`; series left without samples are dropped.
  static func slice(_ series: [Series], start: Int64, end: Int64) -> [Series] {
    var result: [Series] = []
    result.reserveCapacity(series.count)
    for entry in series {
      let lower = InMemoryStorage.firstIndex(in: entry.timestamps) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: entry.timestamps) { $0 > end }
      guard lower < upper else { continue }
      if lower == 0 && upper == entry.timestamps.count {
        result.append(entry)
      } else {
        result.append(
          Series(
            labels: entry.labels, timestamps: Array(entry.timestamps[lower..<upper]),
            values: Array(entry.values[lower..<upper])))
      }
    }
    return result
  }
}
