/// Duration arithmetic inside `[...]` or after `offset` (experimental in Prometheus 3):
/// `[5m+1m]`, `[step()*2]`, `offset min_of(step(), 1s)`.
public indirect enum DurationExpr: Hashable, Sendable {
  /// A number (seconds) or duration literal.
  case number(NumberLiteral)
  /// `lhs op rhs` with op one of `+ - * / % ^`.
  case binary(DurationOp, DurationExpr, DurationExpr)
  /// Unary minus of a non-literal.
  case negate(DurationExpr, start: Int)
  /// A parenthesized duration expression.
  case paren(DurationExpr, PositionRange)
  /// `step()`: the query step.
  case step(PositionRange)
  /// `range()`: the query range.
  case range(PositionRange)
  /// `min_of(a, b)`.
  case minOf(DurationExpr, DurationExpr, PositionRange)
  /// `max_of(a, b)`.
  case maxOf(DurationExpr, DurationExpr, PositionRange)

  /// The byte range the expression covers.
  public var position: PositionRange {
    switch self {
    case .number(let literal): return literal.position
    case .binary(_, let lhs, let rhs):
      return PositionRange(start: lhs.position.start, end: rhs.position.end)
    case .negate(let inner, let start): return PositionRange(start: start, end: inner.position.end)
    case .paren(_, let range), .step(let range), .range(let range), .minOf(_, _, let range),
      .maxOf(_, _, let range):
      return range
    }
  }
}

/// The operators of duration arithmetic.
public enum DurationOp: String, Hashable, Sendable {
  case add = "+"
  case sub = "-"
  case mul = "*"
  case div = "/"
  case mod = "%"
  case pow = "^"
}
