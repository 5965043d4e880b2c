public import PromQL

/// A storage seen through a time shift and a window: `select` at time `t` reads the base at
/// `t - shift`, and only base samples within `window` exist. It puts a recording's start at a
/// test's time 0.
public struct ShiftedStorage: Storage {
  /// The storage read.
  public let base: any Storage
  /// Added to every base timestamp (ms).
  public let shift: Int64
  /// The base times that exist (ms, inclusive).
  public let window: ClosedRange<Int64>

  /// `base` moved by `shift`, cut to `window` (base times).
  public init(base: any Storage, shift: Int64, window: ClosedRange<Int64>) {
    self.base = base
    self.shift = shift
    self.window = window
  }

  public func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    let (from, o1) = start.subtractingReportingOverflow(shift)
    let (to, o2) = end.subtractingReportingOverflow(shift)
    guard !o1, !o2 else { return [] }
    let lower = max(from, window.lowerBound)
    let upper = min(to, window.upperBound)
    guard lower <= upper else { return [] }
    return base.select(matchers: matchers, start: lower, end: upper).map { series in
      Series(labels: series.labels, timestamps: series.timestamps.map { $0 &+ shift }, values: series.values)
    }
  }
}

/// Several storages read as one (test input series beside recordings).
public struct UnionStorage: Storage {
  /// The storages, all read.
  public let parts: [any Storage]

  /// The union of `parts`.
  public init(_ parts: [any Storage]) { self.parts = parts }

  public func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    if parts.count == 1 { return parts[0].select(matchers: matchers, start: start, end: end) }
    return parts.flatMap { $0.select(matchers: matchers, start: start, end: end) }
      .sorted { Labels.precedes($0.labels, $1.labels) }
  }
}
