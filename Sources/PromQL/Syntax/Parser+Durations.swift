extension Parser {
  /// The operators of duration arithmetic, with the precedence they have in expressions.
  func durationOperator(_ kind: TokenKind) -> (DurationOp, Int)? {
    switch kind {
    case .add: return (.add, 4)
    case .sub: return (.sub, 4)
    case .mul: return (.mul, 5)
    case .div: return (.div, 5)
    case .mod: return (.mod, 5)
    case .pow: return (.pow, 6)
    default: return nil
    }
  }

  /// A range or step inside brackets: a literal must be positive.
  mutating func parsePositiveDuration() throws(PromQLError) -> DurationValue {
    let expr = try parseDurationExpression(minPrecedence: 1)
    guard case .number(let literal) = expr else { return .expression(expr) }
    if literal.value <= 0 { throw fail("duration must be greater than 0", literal.position) }
    return .fixed(nanoseconds: nanoseconds(literal.value))
  }

  func nanoseconds(_ seconds: Double) -> Int64 {
    let scaled = (seconds * 1e9).rounded(.toNearestOrAwayFromZero)
    if scaled.isNaN { return 0 }
    if scaled >= 0x1p63 { return .max }
    if scaled <= -0x1p63 { return .min }
    return Int64(scaled)
  }

  func checkDurationRange(_ literal: NumberLiteral, _ range: PositionRange) throws(PromQLError) {
    let limit = 9_223_372_036.854_775_807
    // NaN is out of range too: it has no duration (Go would silently turn it into MinInt64).
    if !(literal.value <= limit && literal.value >= -limit) { throw fail("duration out of range", range) }
  }

  func requireDurationExpressions(_ range: PositionRange) throws(PromQLError) {
    if !options.durationExpressions {
      throw fail("experimental duration expression is not enabled", range)
    }
  }

  mutating func parseDurationExpression(minPrecedence: Int) throws(PromQLError) -> DurationExpr {
    try enter()
    defer { depth -= 1 }
    var lhs = try parseDurationUnary()
    var lhsHeight = lastHeight
    while let (op, precedence) = durationOperator(peek.kind), precedence >= minPrecedence {
      let opToken = advance()
      let rhs = try parseDurationExpression(minPrecedence: op == .pow ? precedence : precedence + 1)
      lhsHeight = max(lhsHeight, lastHeight) + 1
      try checkHeight(lhsHeight, opToken.range)
      try requireDurationExpressions(lhs.position)
      if op == .div || op == .mod, case .number(let literal) = rhs, literal.value == 0 {
        throw fail(op == .div ? "division by zero" : "modulo by zero", opToken.range)
      }
      lhs = .binary(op, lhs, rhs)
    }
    lastHeight = lhsHeight
    return lhs
  }

  mutating func parseDurationUnary() throws(PromQLError) -> DurationExpr {
    guard peek.kind == .add || peek.kind == .sub else { return try parseDurationPrimary() }
    let op = advance()
    let operand = try parseDurationExpression(minPrecedence: 6)
    lastHeight += 1
    return try applyUnary(op, to: operand)
  }

  func applyUnary(_ op: Token, to operand: DurationExpr) throws(PromQLError) -> DurationExpr {
    guard case .number(var literal) = operand else {
      return op.kind == .sub ? .negate(operand, start: op.start) : operand
    }
    if op.kind == .sub { literal.value = -literal.value }
    try checkDurationRange(literal, op.range)
    literal.position.start = op.start
    return .number(literal)
  }

  mutating func parseDurationPrimary() throws(PromQLError) -> DurationExpr {
    let token = peek
    lastHeight = 1
    switch token.kind {
    case .number, .duration:
      let literal = try parseNumberLiteral()
      try checkDurationRange(literal, literal.position)
      return .number(literal)
    case .step, .range:
      advance()
      guard peek.kind == .leftParen, peek(1).kind == .rightParen else {
        throw unexpected(peek.kind == .leftParen ? peek(1) : peek)
      }
      advance()
      let close = advance()
      let range = PositionRange(start: token.start, end: close.end)
      try requireDurationExpressions(range)
      return token.kind == .step ? .step(range) : .range(range)
    case .maxOf, .minOf:
      advance()
      _ = try expect(.leftParen)
      let first = try parseDurationExpression(minPrecedence: 1)
      let firstHeight = lastHeight
      _ = try expect(.comma)
      let second = try parseDurationExpression(minPrecedence: 1)
      lastHeight = max(firstHeight, lastHeight) + 1
      let close = try expect(.rightParen)
      let range = PositionRange(start: token.start, end: close.end)
      try requireDurationExpressions(range)
      return token.kind == .maxOf ? .maxOf(first, second, range) : .minOf(first, second, range)
    case .leftParen:
      advance()
      let inner = try parseDurationExpression(minPrecedence: 1)
      lastHeight += 1
      let close = try expect(.rightParen)
      try requireDurationExpressions(inner.position)
      return .paren(inner, PositionRange(start: token.start, end: close.end))
    default:
      throw unexpected(token)
    }
  }

  /// The operand of `offset`: a single (signed) literal, `step()`, `range()`, `min_of(...)`,
  /// `max_of(...)` or `-(...)` binds to the offset alone (`x offset 2 ^ 2` is `(x offset 2) ^ 2`);
  /// a parenthesized duration expression continues with arithmetic.
  mutating func parseOffsetDuration() throws(PromQLError) -> DurationValue {
    let token = peek
    var expr: DurationExpr
    switch token.kind {
    case .leftParen:
      expr = try parseDurationExpression(minPrecedence: 1)
    case .number, .duration, .step, .range, .maxOf, .minOf:
      expr = try parseDurationPrimary()
    case .add, .sub:
      switch peek(1).kind {
      case .number, .duration, .step, .range, .maxOf, .minOf, .leftParen:
        let op = advance()
        expr = try applyUnary(op, to: parseDurationPrimary())
      default:
        expr = try parseDurationExpression(minPrecedence: 1)
      }
    default:
      throw unexpected(token)
    }
    if case .number(let literal) = expr { return .fixed(nanoseconds: nanoseconds(literal.value)) }
    return .expression(expr)
  }
}
