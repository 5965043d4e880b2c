/// A function call: `rate(x[5m])`, `label_replace(...)`.
public struct Call: Hashable, Sendable {
  public var function: PromQLFunction
  public var args: [Expr]
  public var position: PositionRange

  public init(function: PromQLFunction, args: [Expr], position: PositionRange) {
    self.function = function
    self.args = args
    self.position = position
  }
}
