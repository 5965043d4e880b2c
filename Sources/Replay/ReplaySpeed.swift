/// How fast recorded time runs relative to wall time: `10x`, `0.5x`, `1`, `100x`.
public struct ReplaySpeed: Sendable, Hashable, CustomStringConvertible {
  /// Recorded milliseconds per wall millisecond; always finite and positive.
  public let factor: Double

  /// A speed from its factor; nil unless finite, positive and at most 1,000,000.
  public init?(factor: Double) {
    // Between a millionth and a million: beyond, times and plans stop fitting in milliseconds.
    guard factor.isFinite, factor >= 0.000_001, factor <= 1_000_000 else { return nil }
    self.factor = factor
  }

  init(uncheckedFactor: Double) { factor = uncheckedFactor }

  /// Parses `10x`, `0.5x`, `1` or `100X`; nil for anything else.
  public init?(_ text: String) {
    var digits = Substring(text)
    if let last = digits.last, last == "x" || last == "X" { digits = digits.dropLast() }
    guard let first = digits.first, first.isNumber || first == ".", let value = Double(digits) else {
      return nil
    }
    self.init(factor: value)
  }

  /// `10x`, `0.5x`.
  public var description: String {
    factor == factor.rounded() && factor < 1e15 ? "\(Int64(factor))x" : "\(factor)x"
  }
}
