/// Remembers what a range query selected, so later steps slice samples from memory instead of
/// asking the storage again: the first request for a set of matchers fetches its window stretched
/// by the query's span, which covers the same selector at every later step.
final class SelectionCache {
  struct Entry {
    var start: Int64
    var end: Int64
    var series: [Series]
  }

  let storage: any Storage
  /// How far later steps reach beyond the first (the query's end minus its start).
  let span: Int64
  /// One query evaluates on one thread, so the cache needs no lock.
  var entries: [[LabelMatcher]: Entry] = [:]

  init(storage: any Storage, span: Int64) {
    self.storage = storage
    self.span = span
  }

  func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    if let entry = entries[matchers], entry.start <= start, end <= entry.end {
      return SelectionCache.slice(entry.series, start: start, end: end)
    }
    let fetchEnd = end &+ span
    let series = storage.select(matchers: matchers, start: start, end: fetchEnd)
    entries[matchers] = Entry(start: start, end: fetchEnd, series: series)
    return SelectionCache.slice(series, start: start, end: end)
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
