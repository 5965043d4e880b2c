public import PromQL

/// The constant fallbacks of a panel query: `... or vector(0)`, `... or on() 0 * up`-free
/// constants that Grafana draws as a flat line when the real query returns nothing. A panel
/// showing only those shows no data of the cluster (a `TPU Duty Cycle %` panel on a cluster
/// without TPUs).
public enum FallbackBranches {
  /// The expression with every `or` branch that reads no series removed, and those branches as
  /// written; nil when it has none.
  public static func strip(_ expr: Expr) -> (kept: Expr, fallbacks: [String])? {
    var fallbacks: [String] = []
    let kept = strip(expr, into: &fallbacks)
    guard let kept, !fallbacks.isEmpty else { return nil }
    return (kept, fallbacks)
  }

  /// Nil when the whole of `expr` is a constant fallback.
  private static func strip(_ expr: Expr, into fallbacks: inout [String]) -> Expr? {
    switch expr {
    case .paren(var node):
      guard let inner = strip(node.expr, into: &fallbacks) else { return nil }
      node.expr = inner
      return .paren(node)
    case .binary(var node):
      if node.op == .or {
        let lhsConstant = NoDataExplainer.selectors(in: node.lhs).isEmpty
        let rhsConstant = NoDataExplainer.selectors(in: node.rhs).isEmpty
        if rhsConstant && !lhsConstant {
          fallbacks.append(node.rhs.description)
          return strip(node.lhs, into: &fallbacks)
        }
        if lhsConstant && !rhsConstant {
          fallbacks.append(node.lhs.description)
          return strip(node.rhs, into: &fallbacks)
        }
      }
      guard let lhs = strip(node.lhs, into: &fallbacks), let rhs = strip(node.rhs, into: &fallbacks) else {
        return expr
      }
      node.lhs = lhs
      node.rhs = rhs
      return .binary(node)
    default:
      return expr
    }
  }
}
