extension Parser {
  /// `name`, `name{...}` or `{...}`; `nameToken` is the consumed name, if any.
  mutating func parseVectorSelector(nameToken: Token?) throws(PromQLError) -> VectorSelector {
    let name = nameToken.map { text($0) } ?? ""
    var position = nameToken?.range ?? peek.range
    var matchers: [LabelMatcher] = []
    if peek.kind == .leftBrace {
      let (parsed, close) = try parseLabelMatchers()
      matchers = parsed
      position.end = close.end
    }
    if !name.isEmpty {
      matchers.append(LabelMatcher(equal: LabelMatcher.metricNameLabel, name))
    }
    lastHeight = 1
    return VectorSelector(name: name, matchers: matchers, position: position)
  }

  /// `{ l="v", "quoted"="v", "metric.name", ... }`; returns the matchers and the `}` token.
  mutating func parseLabelMatchers() throws(PromQLError) -> ([LabelMatcher], Token) {
    advance()
    var matchers: [LabelMatcher] = []
    if peek.kind == .rightBrace { return (matchers, advance()) }
    while true {
      let nameToken = peek
      switch nameToken.kind {
      case .identifier:
        advance()
        matchers.append(try parseMatcherRest(name: text(nameToken), nameToken: nameToken))
      case .string:
        advance()
        let name = LiteralDecoding.string(input[nameToken.start..<nameToken.end])
        if isMatchOperator(peek.kind) {
          matchers.append(try parseMatcherRest(name: name, nameToken: nameToken))
        } else {
          matchers.append(LabelMatcher(equal: LabelMatcher.metricNameLabel, name))
        }
      default:
        throw unexpected(nameToken, "label matching", "identifier or \"}\"")
      }
      if peek.kind == .comma {
        advance()
        if peek.kind == .rightBrace { return (matchers, advance()) }
        continue
      }
      guard peek.kind == .rightBrace else {
        throw unexpected(peek, "label matching", "\",\" or \"}\"")
      }
      return (matchers, advance())
    }
  }

  func isMatchOperator(_ kind: TokenKind) -> Bool {
    kind == .assign || kind == .neq || kind == .eqlRegex || kind == .neqRegex
  }

  /// The operator and value of a matcher whose name has been consumed.
  mutating func parseMatcherRest(name: String, nameToken: Token) throws(PromQLError) -> LabelMatcher {
    let opToken = peek
    let type: LabelMatcher.MatchType
    switch opToken.kind {
    case .assign: type = .equal
    case .neq: type = .notEqual
    case .eqlRegex: type = .regexMatch
    case .neqRegex: type = .regexNoMatch
    default: throw unexpected(opToken, "label matching", "label matching operator")
    }
    advance()
    let valueToken = peek
    guard valueToken.kind == .string else { throw unexpected(valueToken, "label matching", "string") }
    advance()
    let value = LiteralDecoding.string(input[valueToken.start..<valueToken.end])
    do {
      return try LabelMatcher(type, name: name, value: value)
    } catch {
      throw fail(error.description, PositionRange(start: nameToken.start, end: valueToken.end))
    }
  }

  // MARK: - Postfix modifiers

  /// Applies `[range]`, `[range:step]`, `offset`, `@`, `anchored` and `smoothed` after an operand.
  mutating func parsePostfix(_ operand: Expr) throws(PromQLError) -> Expr {
    var expr = operand
    var height = lastHeight
    while true {
      switch peek.kind {
      case .leftBracket:
        expr = try parseRangeOrSubquery(expr)
        if case .subquery = expr {
          height += 1
          try checkHeight(height, expr.position)
        }
      case .offset:
        expr = try parseOffset(expr)
      case .at:
        expr = try parseAt(expr)
      case .anchored, .smoothed:
        expr = try parseExtendedRange(expr)
      default:
        lastHeight = height
        return expr
      }
    }
  }

  mutating func parseRangeOrSubquery(_ operand: Expr) throws(PromQLError) -> Expr {
    let open = advance()
    contexts.append(("subquery or range selector", "number, duration, step(), or range()"))
    let range = try parsePositiveDuration()
    contexts.removeLast()
    if peek.kind == .rightBracket {
      let close = advance()
      let bracket = PositionRange(start: open.start, end: close.end)
      guard case .vectorSelector(let selector) = operand else {
        throw fail("ranges only allowed for vector selectors", bracket)
      }
      if selector.offset != nil { throw fail("no offset modifiers allowed before range", bracket) }
      if selector.at != nil { throw fail("no @ modifiers allowed before range", bracket) }
      return .matrixSelector(MatrixSelector(selector: selector, range: range, end: close.end))
    }
    guard peek.kind == .colon else { throw unexpected(peek, "subquery or range", "\":\" or \"]\"") }
    advance()
    var step: DurationValue?
    if peek.kind != .rightBracket {
      contexts.append(("subquery selector", "number, duration, step(), range(), or \"]\""))
      step = try parsePositiveDuration()
      contexts.removeLast()
      guard peek.kind == .rightBracket else { throw unexpected(peek, "subquery selector", "\"]\"") }
    }
    let close = advance()
    return .subquery(SubqueryExpr(expr: operand, range: range, step: step, end: close.end))
  }

  mutating func parseOffset(_ operand: Expr) throws(PromQLError) -> Expr {
    advance()
    contexts.append(("offset", "number, duration, step(), or range()"))
    let duration = try parseOffsetDuration()
    contexts.removeLast()
    var value: DurationValue? = duration
    if case .fixed(0) = duration { value = nil }
    let end = lastEnd
    let multiple = "offset may not be set multiple times"
    switch operand {
    case .vectorSelector(var selector):
      if selector.offset != nil { throw fail(multiple, operand.position) }
      selector.offset = value
      selector.position.end = end
      return .vectorSelector(selector)
    case .matrixSelector(var matrix):
      if matrix.selector.offset != nil { throw fail(multiple, operand.position) }
      matrix.selector.offset = value
      matrix.end = end
      return .matrixSelector(matrix)
    case .subquery(var subquery):
      if subquery.offset != nil { throw fail(multiple, operand.position) }
      subquery.offset = value
      subquery.end = end
      return .subquery(subquery)
    default:
      throw fail(
        "offset modifier must be preceded by an instant vector selector or range vector selector "
          + "or a subquery", operand.position)
    }
  }

  mutating func parseAt(_ operand: Expr) throws(PromQLError) -> Expr {
    advance()
    let modifier: AtModifier
    switch peek.kind {
    case .start, .end:
      let which = advance()
      guard peek.kind == .leftParen, peek(1).kind == .rightParen else {
        throw unexpected(peek.kind == .leftParen ? peek(1) : peek, "@", "timestamp")
      }
      advance()
      advance()
      modifier = which.kind == .start ? .start : .end
    case .add, .sub, .number, .duration:
      var negative = false
      if peek.kind == .add || peek.kind == .sub {
        negative = advance().kind == .sub
        guard peek.kind == .number || peek.kind == .duration else { throw unexpected(peek, "@", "timestamp") }
      }
      let seconds = (negative ? -1 : 1) * (try parseNumberLiteral()).value
      if !seconds.isFinite || seconds >= 0x1p63 || seconds <= -0x1p63 {
        throw fail(
          "timestamp out of bounds for @ modifier: \(goFormatFixed6(seconds))", operand.position)
      }
      let milliseconds = (seconds * 1000).rounded(.toNearestOrAwayFromZero)
      let clamped =
        milliseconds >= 0x1p63 ? Int64.max : (milliseconds <= -0x1p63 ? Int64.min : Int64(milliseconds))
      modifier = .timestamp(milliseconds: clamped)
    default:
      throw unexpected(peek, "@", "timestamp")
    }
    let end = lastEnd
    let twice = "@ <timestamp> may not be set multiple times"
    switch operand {
    case .vectorSelector(var selector):
      if selector.at != nil { throw fail(twice, operand.position) }
      selector.at = modifier
      selector.position.end = end
      return .vectorSelector(selector)
    case .matrixSelector(var matrix):
      if matrix.selector.at != nil { throw fail(twice, operand.position) }
      matrix.selector.at = modifier
      matrix.end = end
      return .matrixSelector(matrix)
    case .subquery(var subquery):
      if subquery.at != nil { throw fail(twice, operand.position) }
      subquery.at = modifier
      subquery.end = end
      return .subquery(subquery)
    default:
      throw fail(
        "@ modifier must be preceded by an instant vector selector or range vector selector or a "
          + "subquery", operand.position)
    }
  }

  mutating func parseExtendedRange(_ operand: Expr) throws(PromQLError) -> Expr {
    let anchored = advance().kind == .anchored
    let name = anchored ? "anchored" : "smoothed"
    if !options.extendedRangeSelectors {
      throw fail("\(name) modifier is experimental and not enabled", operand.position)
    }
    let both = "anchored and smoothed modifiers cannot be used together"
    func apply(_ selector: inout VectorSelector) throws(PromQLError) {
      if anchored { selector.anchored = true } else { selector.smoothed = true }
      if selector.anchored && selector.smoothed { throw fail(both, operand.position) }
    }
    switch operand {
    case .vectorSelector(var selector):
      try apply(&selector)
      return .vectorSelector(selector)
    case .matrixSelector(var matrix):
      try apply(&matrix.selector)
      return .matrixSelector(matrix)
    case .subquery:
      throw fail("\(name) modifier is not supported for subqueries", operand.position)
    default:
      throw fail("\(name) modifier not implemented", operand.position)
    }
  }

  // MARK: - Binary operator modifiers

  /// `bool`, `on (...)`/`ignoring (...)`, `group_left (...)`/`group_right (...)`, `fill...(v)`.
  mutating func parseBinaryModifiers() throws(PromQLError) -> (Bool, VectorMatching) {
    var returnBool = false
    if peek.kind == .bool {
      advance()
      returnBool = true
    }
    var matching = VectorMatching()
    if peek.kind == .on || peek.kind == .ignoring {
      matching.on = advance().kind == .on
      matching.matchingLabels = try parseGroupingLabels()
      if peek.kind == .groupLeft || peek.kind == .groupRight {
        matching.cardinality = advance().kind == .groupLeft ? .manyToOne : .oneToMany
        if peek.kind == .leftParen { matching.include = try parseGroupingLabels() }
      }
    }
    switch peek.kind {
    case .fill:
      advance()
      let value = try parseFillValue()
      matching.fillLeft = value
      matching.fillRight = value
    case .fillLeft, .fillRight:
      let left = advance().kind == .fillLeft
      let value = try parseFillValue()
      if left { matching.fillLeft = value } else { matching.fillRight = value }
      if peek.kind == (left ? .fillRight : .fillLeft) {
        advance()
        let other = try parseFillValue()
        if left { matching.fillRight = other } else { matching.fillLeft = other }
      }
    default:
      break
    }
    return (returnBool, matching)
  }

  /// `( [+|-] number )`.
  mutating func parseFillValue() throws(PromQLError) -> Double {
    _ = try expect(.leftParen)
    var sign = 1.0
    if peek.kind == .add || peek.kind == .sub { sign = advance().kind == .sub ? -1 : 1 }
    guard peek.kind == .number || peek.kind == .duration else { throw unexpected(peek) }
    let value = try parseNumberLiteral().value * sign
    _ = try expect(.rightParen)
    return value
  }
}
