extension Expr {
  /// The same tree with every position set to zero and selector matchers in printed order, for
  /// comparing trees parsed from different text (such as a query and its canonical form).
  public var normalized: Expr {
    let zero = PositionRange(start: 0, end: 0)
    switch self {
    case .number(var literal):
      literal.position = zero
      return .number(literal)
    case .string(var literal):
      literal.position = zero
      return .string(literal)
    case .vectorSelector(var selector):
      selector.position = zero
      selector.matchers = selector.normalizedMatchers
      selector.offset = selector.offset?.normalized
      return .vectorSelector(selector)
    case .matrixSelector(var matrix):
      matrix.selector.position = zero
      matrix.selector.matchers = matrix.selector.normalizedMatchers
      matrix.selector.offset = matrix.selector.offset?.normalized
      matrix.range = matrix.range.normalized
      matrix.end = 0
      return .matrixSelector(matrix)
    case .subquery(var subquery):
      subquery.expr = subquery.expr.normalized
      subquery.range = subquery.range.normalized
      subquery.step = subquery.step?.normalized
      subquery.offset = subquery.offset?.normalized
      subquery.end = 0
      return .subquery(subquery)
    case .aggregate(var aggregate):
      aggregate.expr = aggregate.expr.normalized
      aggregate.param = aggregate.param?.normalized
      aggregate.position = zero
      return .aggregate(aggregate)
    case .binary(var binary):
      binary.lhs = binary.lhs.normalized
      binary.rhs = binary.rhs.normalized
      return .binary(binary)
    case .unary(var unary):
      unary.expr = unary.expr.normalized
      unary.start = 0
      return .unary(unary)
    case .call(var call):
      call.args = call.args.map(\.normalized)
      call.position = zero
      return .call(call)
    case .paren(var paren):
      paren.expr = paren.expr.normalized
      paren.position = zero
      return .paren(paren)
    }
  }
}

extension DurationValue {
  var normalized: DurationValue {
    switch self {
    case .fixed: return self
    case .expression(let expr): return .expression(expr.normalized)
    }
  }
}

extension DurationExpr {
  var normalized: DurationExpr {
    let zero = PositionRange(start: 0, end: 0)
    switch self {
    case .number(var literal):
      literal.position = zero
      return .number(literal)
    case .binary(let op, let lhs, let rhs): return .binary(op, lhs.normalized, rhs.normalized)
    case .negate(let inner, _): return .negate(inner.normalized, start: 0)
    case .paren(let inner, _): return .paren(inner.normalized, zero)
    case .step: return .step(zero)
    case .range: return .range(zero)
    case .minOf(let a, let b, _): return .minOf(a.normalized, b.normalized, zero)
    case .maxOf(let a, let b, _): return .maxOf(a.normalized, b.normalized, zero)
    }
  }
}

extension VectorSelector {
  /// Matchers sorted by their text, the name matcher (if any) kept last.
  var normalizedMatchers: [LabelMatcher] {
    guard !name.isEmpty, let last = matchers.last else {
      return matchers.sorted { $0.description < $1.description }
    }
    return matchers.dropLast().sorted { $0.description < $1.description } + [last]
  }
}
