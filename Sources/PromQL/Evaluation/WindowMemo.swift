/// Running folds of one selector node's range windows over one query. A window that starts where
/// it started at the previous step and only grew (`max_over_time(x[14d])` over a shorter query) is
/// folded from where the last step stopped instead of from its first sample: linear, not
/// quadratic, in the number of steps. ``Selections`` keeps one per node, so a fold is keyed by
/// the node and the series' position in its selection, never by memory address.
///
/// One query evaluates on one thread, so the memo needs no lock.
final class WindowMemo {
  /// How far a fold over a window of one series got.
  struct Fold {
    /// The window folded, as indices into the series' values.
    var window: Range<Int>
    var total: Double
    var compensation: Double
  }

  /// A series (its position in the node's selection) under one function and one window range:
  /// `max_over_time(x[1h])` and `sum_over_time(x[1h])` over one node keep their own folds.
  struct Key: Hashable {
    var series: Int
    /// `sum`, `min` or `max`.
    var operation: AggregationOp
    /// The window's range (ms).
    var range: Int64
  }

  /// Folds kept at most; beyond, windows are folded whole.
  static let capacity = 1 << 16

  private var folds: [Key: Fold] = [:]
  /// Samples folded so far, for tests to see the work saved.
  private(set) var foldedSamples = 0

  /// `operation` over `window`, a slice of the values of the node's series number `series`,
  /// whose window range is `range` (ms).
  func fold(_ operation: AggregationOp, _ window: ArraySlice<Double>, series: Int, range: Int64) -> Double {
    guard !window.isEmpty else { return .nan }
    let key = Key(series: series, operation: operation, range: range)
    var fold = Fold(
      window: window.startIndex..<window.startIndex, total: operation == .sum ? 0 : .nan, compensation: 0)
    if let known = folds[key], known.window.lowerBound == window.startIndex,
      known.window.upperBound <= window.endIndex
    {
      fold = known
    }
    foldedSamples += window.endIndex - fold.window.upperBound
    for value in window[fold.window.upperBound...] {
      Evaluation.fold(operation, value, into: &fold.total, &fold.compensation)
    }
    fold.window = window.indices
    if folds.count < WindowMemo.capacity || folds[key] != nil { folds[key] = fold }
    return operation == .sum ? fold.total + fold.compensation : fold.total
  }
}
