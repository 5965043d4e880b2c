import Basics

/// The PromQL parser: a precedence-climbing parser that reproduces the Prometheus yacc grammar's
/// results, including its precedence quirks and its error messages.
public struct Parser {
  let query: String
  let input: [UInt8]
  let tokens: [Token]
  let options: ParserOptions
  var index = 0
  /// Current recursion depth.
  var depth = 0
  /// Height of the tree returned by the most recent parse function.
  var lastHeight = 0
  /// Stops recursion before the thread's stack runs out.
  let stackGuard = StackGuard()
  /// Innermost-last error contexts: where yacc's error rules would report "in <context>".
  var contexts: [(context: String, expected: String)] = []

  /// The deepest tree this parse may build: the option, or less when the stack is small.
  let heightLimit: Int

  init(query: String, options: ParserOptions) {
    self.query = query
    self.input = Array(query.utf8)
    self.tokens = Lexer.tokenize(input)
    self.options = options
    self.heightLimit = min(options.maxNestingDepth, stackGuard.levels)
  }

  /// Parses and type-checks a PromQL expression.
  ///
  /// - Throws: ``PromQLError`` with Prometheus's message and position for the first problem.
  public static func parse(_ query: String, options: ParserOptions = ParserOptions()) throws(PromQLError)
    -> Expr
  {
    var parser = Parser(query: query, options: options)
    let expr = try parser.parseQuery()
    return try TypeChecker(query: query, input: parser.input).check(expr).expr
  }

  /// Parses a lone series selector such as `up{job="api"}` (as in the API's `match[]`) into its
  /// matchers, the metric name matcher last.
  ///
  /// - Throws: ``PromQLError`` for a syntax error, for anything but a plain selector, or for a
  ///   selector that would match every series.
  public static func parseMetricSelector(_ text: String) throws(PromQLError) -> [LabelMatcher] {
    let expr = try parse(text)
    guard case .vectorSelector(let selector) = expr, selector.offset == nil, selector.at == nil else {
      throw PromQLError("expected a series selector such as up{job=\"api\"}", at: expr.position, in: text)
    }
    return selector.matchers
  }

  mutating func parseQuery() throws(PromQLError) -> Expr {
    if peek.kind == .eof { throw fail("no expression found in input", PositionRange(start: 0, end: 0)) }
    let expr = try parseExpression(minPrecedence: 1)
    if peek.kind != .eof { throw unexpected(peek) }
    return expr
  }

  // MARK: - Tokens

  var peek: Token { tokens[min(index, tokens.count - 1)] }
  func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> Token {
    let token = peek
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  /// End of the last consumed token (Prometheus's `lastClosing` for modifiers).
  var lastEnd: Int { index > 0 ? tokens[index - 1].end : 0 }

  func text(_ token: Token) -> String {
    String(decoding: input[token.start..<min(token.end, input.count)], as: UTF8.self)
  }

  // MARK: - Errors

  func fail(_ message: String, _ range: PositionRange) -> PromQLError {
    PromQLError(message, at: range, in: query)
  }

  /// `unexpected <token>[ in <context>][, expected <what>]`; lexer errors pass through.
  func unexpected(_ token: Token, _ context: String? = nil, _ expected: String? = nil) -> PromQLError {
    if token.kind == .error { return fail(token.message, token.range) }
    var message = "unexpected " + describe(token)
    let (context, expected) =
      context.map { ($0, expected ?? "") } ?? (contexts.last.map { ($0.context, $0.expected) } ?? ("", ""))
    if !context.isEmpty { message += " in " + context }
    if !expected.isEmpty { message += ", expected " + expected }
    return fail(message, token.range)
  }

  /// How Prometheus names a token in messages: `<op:*>`, `<aggr:sum>`, `<by>`, `identifier "x"`.
  func describe(_ token: Token) -> String {
    let value = text(token)
    switch token.kind {
    case .eof: return "end of input"
    case .identifier: return "identifier " + GoQuote.token(value)
    case .metricIdentifier: return "metric identifier " + GoQuote.token(value)
    case .number: return "number " + GoQuote.truncated(value, limit: 10)
    case .duration: return "duration " + GoQuote.truncated(value, limit: 10)
    case .string: return "string " + GoQuote.truncated(value, limit: 10)
    case .comment: return "comment " + GoQuote.truncated(value, limit: 10)
    default:
      if token.kind.isOperator { return "<op:\(value)>" }
      if token.kind.isKeyword { return "<\(value)>" }
      if token.kind.isAggregator { return "<aggr:\(value)>" }
      return GoQuote.truncated(value, limit: 10)
    }
  }

  mutating func expect(_ kind: TokenKind) throws(PromQLError) -> Token {
    guard peek.kind == kind else { throw unexpected(peek) }
    return advance()
  }

  mutating func enter() throws(PromQLError) {
    depth += 1
    if depth > heightLimit || !stackGuard.hasRoom { throw tooDeep(peek.range) }
  }

  func checkHeight(_ height: Int, _ range: PositionRange) throws(PromQLError) {
    if height > heightLimit { throw tooDeep(range) }
  }

  func tooDeep(_ range: PositionRange) -> PromQLError {
    fail("query is nested too deeply (more than \(heightLimit) levels)", range)
  }

  // MARK: - Expressions

  mutating func parseExpression(minPrecedence: Int) throws(PromQLError) -> Expr {
    try enter()
    defer { depth -= 1 }
    var lhs = try parseUnary()
    var lhsHeight = lastHeight
    while let op = BinaryOp(token: peek.kind), op.precedence >= minPrecedence {
      advance()
      let (returnBool, matching) = try parseBinaryModifiers()
      let next = op.isRightAssociative ? op.precedence : op.precedence + 1
      let rhs = try parseExpression(minPrecedence: next)
      let height = max(lhsHeight, lastHeight) + 1
      let binary = BinaryExpr(op: op, lhs: lhs, rhs: rhs, returnBool: returnBool, matching: matching)
      let expr = Expr.binary(binary)
      try checkHeight(height, expr.position)
      if !options.binopFillModifiers, matching.fillLeft != nil || matching.fillRight != nil {
        throw fail("binop fill modifiers are experimental and not enabled", expr.position)
      }
      lhs = expr
      lhsHeight = height
    }
    lastHeight = lhsHeight
    return lhs
  }

  mutating func parseUnary() throws(PromQLError) -> Expr {
    guard peek.kind == .add || peek.kind == .sub else { return try parsePostfix(parsePrimary()) }
    let op = advance()
    // The unary operator has the precedence of `*`: only `^` and the postfix modifiers bind tighter.
    let operand = try parseExpression(minPrecedence: BinaryOp.pow.precedence)
    if case .number(var literal) = operand {
      if op.kind == .sub { literal.value = -literal.value }
      literal.position.start = op.start
      return .number(literal)
    }
    lastHeight += 1
    return .unary(UnaryExpr(op: op.kind == .sub ? .minus : .plus, expr: operand, start: op.start))
  }

  mutating func parsePrimary() throws(PromQLError) -> Expr {
    let token = peek
    lastHeight = 1
    switch token.kind {
    case .number, .duration:
      return .number(try parseNumberLiteral())
    case .string:
      advance()
      let value = LiteralDecoding.string(input[token.start..<token.end])
      return .string(StringLiteral(value: value, position: token.range))
    case .leftParen:
      advance()
      let inner = try parseExpression(minPrecedence: 1)
      let height = lastHeight + 1
      guard peek.kind == .rightParen else { throw unexpected(peek) }
      let close = advance()
      lastHeight = height
      return .paren(ParenExpr(expr: inner, position: PositionRange(start: token.start, end: close.end)))
    case .leftBrace:
      return .vectorSelector(try parseVectorSelector(nameToken: nil))
    case .identifier:
      if peek(1).kind == .leftParen { return try parseCall() }
      return .vectorSelector(try parseVectorSelector(nameToken: advance()))
    case .start, .end, .step, .range, .maxOf, .minOf:
      if peek(1).kind == .leftParen { return try parseCall() }
      return .vectorSelector(try parseVectorSelector(nameToken: advance()))
    default:
      if token.kind.isAggregator {
        let next = peek(1).kind
        if next == .leftParen || next == .by || next == .without { return try parseAggregation() }
      }
      if token.kind.isMetricIdentifier {
        return .vectorSelector(try parseVectorSelector(nameToken: advance()))
      }
      throw unexpected(token)
    }
  }

  /// A NUMBER or DURATION token as a literal (durations in seconds).
  mutating func parseNumberLiteral() throws(PromQLError) -> NumberLiteral {
    let token = advance()
    let text = text(token)
    if token.kind == .duration {
      switch PromDuration.parse(text) {
      case .success(let nanoseconds):
        return NumberLiteral(value: Double(nanoseconds) / 1e9, isDuration: true, position: token.range)
      case .failure(let error): throw fail(error.message, token.range)
      }
    }
    switch LiteralDecoding.number(text) {
    case .success(let value): return NumberLiteral(value: value, position: token.range)
    case .failure(let error): throw fail(error.message, token.range)
    }
  }

  /// `name(args)`; the name token is next.
  mutating func parseCall() throws(PromQLError) -> Expr {
    let nameToken = advance()
    let name = text(nameToken)
    let (args, height, close) = try parseArguments()
    var function = PromQLFunction.all[name]
    if function == nil, options.prometheus2Functions, name == PromQLFunction.holtWinters.name {
      function = PromQLFunction.holtWinters
    }
    guard let function else {
      throw fail("unknown function with name \(GoQuote.token(name))", nameToken.range)
    }
    if function.isExperimental, !options.experimentalFunctions {
      throw fail("function \(GoQuote.token(name)) is not enabled", nameToken.range)
    }
    lastHeight = height
    let position = PositionRange(start: nameToken.start, end: close.end)
    return .call(Call(function: function, args: args, position: position))
  }

  /// `( expr, expr, ... )`: the arguments, the tree height including the call, the `)` token.
  mutating func parseArguments() throws(PromQLError) -> ([Expr], Int, Token) {
    guard peek.kind == .leftParen else { throw unexpected(peek) }
    advance()
    var args: [Expr] = []
    var height = 1
    if peek.kind == .rightParen { return (args, height, advance()) }
    while true {
      args.append(try parseExpression(minPrecedence: 1))
      height = max(height, lastHeight + 1)
      if peek.kind == .comma {
        let comma = advance()
        if peek.kind == .rightParen {
          throw fail("trailing commas not allowed in function call args", comma.range)
        }
        continue
      }
      guard peek.kind == .rightParen else { throw unexpected(peek) }
      return (args, height, advance())
    }
  }

  /// `sum by (a) (x)`, `sum (x) without (a)`, `topk(3, x)`; the operator token is next.
  mutating func parseAggregation() throws(PromQLError) -> Expr {
    let opToken = advance()
    guard let op = AggregationOp(token: opToken.kind) else { throw unexpected(opToken) }
    var grouping: [String] = []
    var without = false
    var hasModifier = false
    if peek.kind == .by || peek.kind == .without {
      without = advance().kind == .without
      grouping = try parseGroupingLabels()
      hasModifier = true
    }
    contexts.append(("aggregation", ""))
    let (args, height, close) = try parseArguments()
    contexts.removeLast()
    var end = close.end
    if !hasModifier, peek.kind == .by || peek.kind == .without {
      without = advance().kind == .without
      grouping = try parseGroupingLabels()
      end = lastEnd
    }
    let position = PositionRange(start: opToken.start, end: end)
    guard !args.isEmpty else { throw fail("no arguments for aggregate expression provided", position) }
    var expected = 1
    if op.takesParameter {
      if op.isExperimental, !options.experimentalFunctions {
        throw fail(
          "\(op.rawValue)() is experimental and must be enabled with "
            + "--enable-feature=promql-experimental-functions", position)
      }
      expected = 2
    }
    if args.count != expected {
      throw fail(
        "wrong number of arguments for aggregate expression provided, expected \(expected), "
          + "got \(args.count)", position)
    }
    lastHeight = height
    return .aggregate(
      AggregateExpr(
        op: op, expr: args[expected - 1], param: expected == 2 ? args[0] : nil, grouping: grouping,
        without: without, position: position))
  }

  /// `( label, "quoted label", ... )` after `by`, `without`, `on`, `ignoring`, `group_left`.
  mutating func parseGroupingLabels() throws(PromQLError) -> [String] {
    guard peek.kind == .leftParen else { throw unexpected(peek, "grouping opts", "\"(\"") }
    advance()
    var labels: [String] = []
    if peek.kind == .rightParen {
      advance()
      return labels
    }
    while true {
      let token = peek
      if token.kind.isMaybeLabel {
        advance()
        labels.append(text(token))
      } else if token.kind == .string {
        advance()
        let name = LiteralDecoding.string(input[token.start..<token.end])
        if name.isEmpty {
          throw fail("invalid label name for grouping: \(GoQuote.token(name))", token.range)
        }
        labels.append(name)
      } else {
        throw unexpected(token, "grouping opts", "label")
      }
      if peek.kind == .comma {
        advance()
        if peek.kind == .rightParen {
          advance()
          return labels
        }
        continue
      }
      guard peek.kind == .rightParen else { throw unexpected(peek, "grouping opts", "\",\" or \")\"") }
      advance()
      return labels
    }
  }
}
