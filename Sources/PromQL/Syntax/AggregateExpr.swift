/// An aggregation: `sum by (job) (x)`, `topk(5, x)`, `count_values("v", x)`.
public struct AggregateExpr: Hashable, Sendable {
  /// The aggregation operator.
  public var op: AggregationOp
  /// The vector being aggregated.
  public var expr: Expr
  /// The parameter of `topk`, `bottomk`, `quantile`, `count_values`, `limitk`, `limit_ratio`.
  public var param: Expr?
  /// The labels of `by (...)` or `without (...)`.
  public var grouping: [String]
  /// Whether `grouping` lists the labels to drop (`without`).
  public var without: Bool
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(
    op: AggregationOp, expr: Expr, param: Expr? = nil, grouping: [String] = [], without: Bool = false,
    position: PositionRange
  ) {
    self.op = op
    self.expr = expr
    self.param = param
    self.grouping = grouping
    self.without = without
    self.position = position
  }
}

/// The aggregation operators.
public enum AggregationOp: String, Hashable, Sendable, CaseIterable {
  case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, quantile
  case countValues = "count_values"
  case limitk
  case limitRatio = "limit_ratio"

  /// Whether the operator takes a parameter before the vector.
  public var takesParameter: Bool {
    switch self {
    case .topk, .bottomk, .quantile, .countValues, .limitk, .limitRatio: return true
    default: return false
    }
  }

  /// Whether Prometheus gates the operator behind `promql-experimental-functions`.
  public var isExperimental: Bool { self == .limitk || self == .limitRatio }

  init?(token: TokenKind) {
    switch token {
    case .sum: self = .sum
    case .avg: self = .avg
    case .count: self = .count
    case .min: self = .min
    case .max: self = .max
    case .group: self = .group
    case .stddev: self = .stddev
    case .stdvar: self = .stdvar
    case .topk: self = .topk
    case .bottomk: self = .bottomk
    case .quantile: self = .quantile
    case .countValues: self = .countValues
    case .limitk: self = .limitk
    case .limitRatio: self = .limitRatio
    default: return nil
    }
  }
}
