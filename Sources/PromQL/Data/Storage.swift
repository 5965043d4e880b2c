/// Where the evaluator reads samples from. `SeriesStore` implements it over a recording.
public protocol Storage: Sendable {
  /// Every series whose labels satisfy all `matchers` (an absent label reads as `""`) and that
  /// has at least one sample with `start <= timestamp <= end`; each series carries just those
  /// samples, in time order. Times are Unix milliseconds.
  func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series]
}

/// One time series: its labels and its samples as parallel arrays (time order).
public struct Series: Hashable, Sendable {
  /// The labels.
  public var labels: Labels
  /// Sample times, Unix milliseconds, ascending.
  public var timestamps: [Int64]
  /// Sample values; a staleness marker is ``StaleMarker/value``.
  public var values: [Double]

  /// Creates the value from its parts.
  public init(labels: Labels, timestamps: [Int64], values: [Double]) {
    precondition(timestamps.count == values.count, "one value per timestamp")
    self.labels = labels
    self.timestamps = timestamps
    self.values = values
  }

  public static func == (lhs: Series, rhs: Series) -> Bool {
    lhs.labels == rhs.labels && lhs.timestamps == rhs.timestamps
      && lhs.values.map(\.bitPattern) == rhs.values.map(\.bitPattern)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(labels)
    hasher.combine(timestamps)
  }

  /// Whether every matcher accepts these labels.
  public static func labels(_ labels: Labels, match matchers: [LabelMatcher]) -> Bool {
    matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
  }
}

/// Prometheus's staleness marker: a NaN with a special bit pattern, written when a series
/// disappears from a scrape (or the scrape fails). Ordinary NaN samples are not stale.
public enum StaleMarker {
  /// `0x7ff0000000000002`.
  public static let bitPattern: UInt64 = 0x7ff0_0000_0000_0002
  /// The marker as a `Double`.
  public static var value: Double { Double(bitPattern: bitPattern) }
  /// Whether `value` is the staleness marker (not just any NaN).
  public static func isStale(_ value: Double) -> Bool { value.bitPattern == bitPattern }
}

/// A ``Storage`` over series held in memory, for tests and small data sets.
public struct InMemoryStorage: Storage {
  /// The stored series, sorted by labels.
  public let series: [Series]

  /// Stores `series`, sorted by labels.
  public init(_ series: [Series]) {
    self.series = series.sorted { Labels.precedes($0.labels, $1.labels) }
  }

  /// Filters the stored series by matchers and time range.
  public func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    var result: [Series] = []
    for candidate in series where Series.labels(candidate.labels, match: matchers) {
      let times = candidate.timestamps
      let lower = InMemoryStorage.firstIndex(in: times) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: times) { $0 > end }
      guard lower < upper else { continue }
      result.append(
        Series(
          labels: candidate.labels, timestamps: Array(times[lower..<upper]),
          values: Array(candidate.values[lower..<upper])))
    }
    return result
  }

  /// Binary search: the first index whose element satisfies a monotone predicate.
  public static func firstIndex(in times: [Int64], where predicate: (Int64) -> Bool) -> Int {
    firstIndex(in: times, within: times.indices, where: predicate)
  }

  /// The same within `range` of `times`; `range.upperBound` when no element there satisfies it.
  static func firstIndex(in times: [Int64], within range: Range<Int>, where predicate: (Int64) -> Bool) -> Int
  {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      if predicate(times[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
