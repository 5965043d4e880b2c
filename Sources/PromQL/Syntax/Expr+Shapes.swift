/// What an expression is underneath its parentheses, for the range-query fast paths that apply
/// to one shape only.
extension Expr {
  /// The vector selector this expression is, inside any parentheses.
  var plainSelector: VectorSelector? {
    switch self {
    case .vectorSelector(let selector): return selector
    case .paren(let paren): return paren.expr.plainSelector
    default: return nil
    }
  }

  /// Whether this expression is a matrix selector, inside any parentheses.
  var isMatrixSelector: Bool {
    switch self {
    case .matrixSelector: return true
    case .paren(let paren): return paren.expr.isMatrixSelector
    default: return false
    }
  }
}
