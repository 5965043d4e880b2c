/// A function call: `rate(x[5m])`, `label_replace(...)`.
public struct Call: Hashable, Sendable {
  /// The function called.
  public var function: PromQLFunction
  /// The arguments, in order.
  public var args: [Expr]
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(function: PromQLFunction, args: [Expr], position: PositionRange) {
    self.function = function
    self.args = args
    self.position = position
  }
}
