/// Running folds of range windows over one range query. A window that starts where it started at
/// the previous step and only grew (`max_over_time(x[14d])` over a shorter query) is folded from
/// where the last step stopped instead of from its first sample: linear, not quadratic, in the
/// number of steps.
///
/// One query evaluates on one thread, so the memo needs no lock.
final class WindowMemo {
  /// What a fold over `window` came to.
  struct Fold {
    /// Kept so that the buffer, whose address identifies the series, stays alive.
    var window: ArraySlice<Double>
    var total: Double
    var compensation: Double
  }

  /// A series (by its values' buffer) under one function and one selector window:
  /// `max_over_time(x[1h])`, `max_over_time(x[1d])` and `max_over_time(x[1h] offset 1d)` in one
  /// query keep their own folds.
  struct Key: Hashable {
    var buffer: UnsafeRawPointer
    /// `sum`, `min` or `max`.
    var operation: AggregationOp
    /// The selector's range and offset (ms).
    var range: Int64
    var offset: Int64
  }

  /// Folds kept at most (each pins its series' buffer); beyond, windows are folded whole.
  static let capacity = 1 << 16

  private var folds: [Key: Fold] = [:]
  /// Samples folded so far, for tests to see the work saved.
  private(set) var foldedSamples = 0

  /// `operation` over `window`, a view into an array the query's selection cache holds, of a
  /// selector with `range` and `offset` (ms).
  func fold(_ operation: AggregationOp, _ window: ArraySlice<Double>, range: Int64, offset: Int64 = 0)
    -> Double
  {
    guard !window.isEmpty else { return .nan }
    let start = window.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
    let key = Key(
      buffer: start - window.startIndex * MemoryLayout<Double>.stride, operation: operation, range: range,
      offset: offset)
    var fold = Fold(
      window: window[window.startIndex..<window.startIndex], total: operation == .sum ? 0 : .nan,
      compensation: 0)
    if let known = folds[key], known.window.startIndex == window.startIndex,
      known.window.endIndex <= window.endIndex
    {
      fold = known
    }
    foldedSamples += window.endIndex - fold.window.endIndex
    for value in window[fold.window.endIndex...] {
      Evaluation.fold(operation, value, into: &fold.total, &fold.compensation)
    }
    fold.window = window
    if folds.count < WindowMemo.capacity || folds[key] != nil { folds[key] = fold }
    return operation == .sum ? fold.total + fold.compensation : fold.total
  }
}
