/// A parsed PromQL expression. Every node carries its byte range in the query.
///
/// Printing (`description`) gives canonical PromQL like Prometheus's `String()`:
/// `sum by (job) (rate(x[5m]))`.
public indirect enum Expr: Hashable, Sendable {
  case number(NumberLiteral)
  case string(StringLiteral)
  case vectorSelector(VectorSelector)
  case matrixSelector(MatrixSelector)
  case subquery(SubqueryExpr)
  case aggregate(AggregateExpr)
  case binary(BinaryExpr)
  case unary(UnaryExpr)
  case call(Call)
  case paren(ParenExpr)

  /// The type of value the expression evaluates to.
  public var type: ValueType {
    switch self {
    case .number: return .scalar
    case .string: return .string
    case .vectorSelector, .aggregate: return .vector
    case .matrixSelector, .subquery: return .matrix
    case .binary(let node):
      return node.lhs.type == .scalar && node.rhs.type == .scalar ? .scalar : .vector
    case .unary(let node): return node.expr.type
    case .call(let node): return node.function.returnType
    case .paren(let node): return node.expr.type
    }
  }

  /// The byte range the expression covers.
  public var position: PositionRange {
    switch self {
    case .number(let node): return node.position
    case .string(let node): return node.position
    case .vectorSelector(let node): return node.position
    case .matrixSelector(let node):
      return PositionRange(start: node.selector.position.start, end: node.end)
    case .subquery(let node): return PositionRange(start: node.expr.position.start, end: node.end)
    case .aggregate(let node): return node.position
    case .binary(let node):
      return PositionRange(start: node.lhs.position.start, end: node.rhs.position.end)
    case .unary(let node): return PositionRange(start: node.start, end: node.expr.position.end)
    case .call(let node): return node.position
    case .paren(let node): return node.position
    }
  }

  /// The direct sub-expressions, in source order.
  public var children: [Expr] {
    switch self {
    case .number, .string, .vectorSelector, .matrixSelector: return []
    case .subquery(let node): return [node.expr]
    case .aggregate(let node): return node.param.map { [$0, node.expr] } ?? [node.expr]
    case .binary(let node): return [node.lhs, node.rhs]
    case .unary(let node): return [node.expr]
    case .call(let node): return node.args
    case .paren(let node): return [node.expr]
    }
  }
}

/// The type of a PromQL value.
public enum ValueType: String, Hashable, Sendable {
  case none, scalar, vector, matrix, string

  /// The name Prometheus uses in error messages ("instant vector", "range vector").
  public var documentedName: String {
    switch self {
    case .vector: return "instant vector"
    case .matrix: return "range vector"
    default: return rawValue
    }
  }
}

/// A number literal such as `1`, `0x1F`, `Inf` or a duration used as a number (`5m` is 300).
public struct NumberLiteral: Hashable, Sendable {
  /// The value; durations are in seconds.
  public var value: Double
  /// Whether the literal was written as a duration, so it prints as one.
  public var isDuration: Bool
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(value: Double, isDuration: Bool = false, position: PositionRange) {
    self.value = value
    self.isDuration = isDuration
    self.position = position
  }

  /// Compares bit patterns so that `NaN` literals are equal to themselves.
  public static func == (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool {
    lhs.value.bitPattern == rhs.value.bitPattern && lhs.isDuration == rhs.isDuration
      && lhs.position == rhs.position
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(value.bitPattern)
    hasher.combine(isDuration)
    hasher.combine(position)
  }
}

/// A string literal; `value` has its escapes resolved.
public struct StringLiteral: Hashable, Sendable {
  /// The value.
  public var value: String
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(value: String, position: PositionRange) {
    self.value = value
    self.position = position
  }
}

/// Unary `-` or `+` applied to a non-literal (a minus on a number literal is folded into it).
public struct UnaryExpr: Hashable, Sendable {
  /// The operator.
  public var op: UnaryOp
  /// The operand.
  public var expr: Expr
  /// Byte offset of the operator.
  public var start: Int

  /// Creates the value from its parts.
  public init(op: UnaryOp, expr: Expr, start: Int) {
    self.op = op
    self.expr = expr
    self.start = start
  }
}

/// The unary operators.
public enum UnaryOp: String, Hashable, Sendable {
  case plus = "+"
  case minus = "-"
}

/// A parenthesized expression.
public struct ParenExpr: Hashable, Sendable {
  /// The operand.
  public var expr: Expr
  /// The byte range in the query.
  public var position: PositionRange

  /// Creates the value from its parts.
  public init(expr: Expr, position: PositionRange) {
    self.expr = expr
    self.position = position
  }
}
