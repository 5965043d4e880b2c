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

  enum Operation: Hashable {
    case max, min, sum
  }

  /// A series (by its values' buffer) under one function and one range: `max_over_time(x[1h])`
  /// and `max_over_time(x[1d])` in one query keep their own folds.
  struct Key: Hashable {
    var buffer: UnsafeRawPointer
    var operation: Operation
    var range: Int64
  }

  /// Folds kept at most; beyond, the memo starts over (each fold pins its series' buffer).
  static let capacity = 1 << 16

  private var folds: [Key: Fold] = [:]

  /// `operation` over `window` of a selector with `range` (ms), a view into an array the query's
  /// selection cache holds.
  func fold(_ operation: Operation, _ window: ArraySlice<Double>, range: Int64) -> Double {
    guard !window.isEmpty else { return .nan }
    let start = window.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
    let key = Key(
      buffer: start - window.startIndex * MemoryLayout<Double>.stride, operation: operation, range: range)
    var fold = Fold(
      window: window[window.startIndex..<window.startIndex], total: operation == .sum ? 0 : .nan,
      compensation: 0)
    if let known = folds[key], known.window.startIndex == window.startIndex,
      known.window.endIndex <= window.endIndex
    {
      fold = known
    }
    for value in window[fold.window.endIndex...] {
      switch operation {
      case .max: if fold.total.isNaN || value > fold.total { fold.total = value }
      case .min: if fold.total.isNaN || value < fold.total { fold.total = value }
      case .sum: (fold.total, fold.compensation) = Evaluation.kahanAdd(value, fold.total, fold.compensation)
      }
    }
    fold.window = window
    if folds.count >= WindowMemo.capacity, folds[key] == nil { folds.removeAll() }
    folds[key] = fold
    return operation == .sum ? fold.total + fold.compensation : fold.total
  }
}
