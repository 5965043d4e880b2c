import Basics

/// Prometheus's post-parse checks (`checkAST`), in the same order so the first error matches.
/// It also normalizes vector matching: dropped for scalar operands, many-to-many for set operators.
struct TypeChecker {
  let query: String
  let input: [UInt8]

  func fail(_ message: String, _ range: PositionRange) -> PromQLError {
    PromQLError(message, at: range, in: query)
  }

  func check(_ expr: Expr) throws(PromQLError) -> (expr: Expr, type: ValueType) {
    switch expr {
    case .number, .string:
      return (expr, expr.type)
    case .vectorSelector(let selector):
      try checkSelector(selector, bypassEmptyCheck: false)
      return (expr, .vector)
    case .matrixSelector(let matrix):
      try checkSelector(matrix.selector, bypassEmptyCheck: false)
      return (expr, .matrix)
    case .subquery(var subquery):
      let (inner, type) = try check(subquery.expr)
      if type != .vector {
        throw fail("subquery is only allowed on instant vector, got \(type.rawValue) instead", expr.position)
      }
      subquery.expr = inner
      return (.subquery(subquery), .matrix)
    case .paren(var paren):
      let (inner, type) = try check(paren.expr)
      paren.expr = inner
      return (.paren(paren), type)
    case .unary(var unary):
      let (inner, type) = try check(unary.expr)
      if type != .scalar && type != .vector {
        throw fail(
          "unary expression only allowed on expressions of type scalar or instant vector, got "
            + GoQuote.quote(type.documentedName), expr.position)
      }
      unary.expr = inner
      return (.unary(unary), type)
    case .aggregate(let aggregate):
      return (.aggregate(try checkAggregate(aggregate)), .vector)
    case .call(let call):
      return (.call(try checkCall(call, position: expr.position)), call.function.returnType)
    case .binary(let binary):
      let checked = try checkBinary(binary, position: expr.position)
      return (.binary(checked), Expr.binary(checked).type)
    }
  }

  func expectType(_ expr: Expr, _ want: ValueType, _ context: String) throws(PromQLError) -> Expr {
    let (checked, type) = try check(expr)
    if type != want {
      throw fail(
        "expected type \(want.documentedName) in \(context), got \(type.documentedName)", expr.position)
    }
    return checked
  }

  func checkSelector(_ selector: VectorSelector, bypassEmptyCheck: Bool) throws(PromQLError) {
    if !selector.name.isEmpty {
      for matcher in selector.matchers.dropLast() where matcher.name == LabelMatcher.metricNameLabel {
        throw fail(
          "metric name must not be set twice: \(GoQuote.token(selector.name)) or \(GoQuote.token(matcher.value))",
          selector.position)
      }
      return
    }
    if !bypassEmptyCheck, !selector.matchers.contains(where: { !$0.matches("") }) {
      throw fail("vector selector must contain at least one non-empty matcher", selector.position)
    }
  }

  func checkAggregate(_ aggregate: AggregateExpr) throws(PromQLError) -> AggregateExpr {
    var result = aggregate
    result.expr = try expectType(aggregate.expr, .vector, "aggregation expression")
    if let param = aggregate.param {
      switch aggregate.op {
      case .countValues: result.param = try expectType(param, .string, "aggregation parameter")
      default: result.param = try expectType(param, .scalar, "aggregation parameter")
      }
    }
    return result
  }

  func checkCall(_ call: Call, position: PositionRange) throws(PromQLError) -> Call {
    let function = call.function
    let declared = function.argumentTypes.count
    let name = GoQuote.quote(function.name)
    if function.variadic == 0 {
      if declared != call.args.count {
        throw fail("expected \(declared) argument(s) in call to \(name), got \(call.args.count)", position)
      }
    } else {
      let required = declared - 1
      if required > call.args.count {
        throw fail(
          "expected at least \(required) argument(s) in call to \(name), got \(call.args.count)", position)
      } else if function.variadic > 0, required + function.variadic < call.args.count {
        throw fail(
          "expected at most \(required + function.variadic) argument(s) in call to \(name), got "
            + "\(call.args.count)", position)
      }
    }
    var result = call
    var bypassIndex: Int?
    if function.name == "info", call.args.count > 1 {
      let second = call.args[1]
      if second.type != .vector {
        throw fail(
          "expected type instant vector in call to function \(name), got \(second.type.documentedName)",
          position)
      }
      guard case .vectorSelector(let selector) = second else {
        throw fail("expected label selectors only", second.position)
      }
      if !selector.name.isEmpty {
        throw fail("expected label selectors only, got vector selector instead", second.position)
      }
      bypassIndex = 1
    }
    for (index, arg) in call.args.enumerated() {
      let typeIndex = min(index, declared - 1)
      if index >= declared, function.variadic == 0 { break }
      if index == bypassIndex, case .vectorSelector(let selector) = arg {
        try checkSelector(selector, bypassEmptyCheck: true)
        continue
      }
      let (checked, type) = try check(arg)
      let want = function.argumentTypes[typeIndex]
      if type != want {
        throw fail(
          "expected type \(want.documentedName) in call to function \(name), got \(type.documentedName)",
          arg.position)
      }
      result.args[index] = checked
    }
    return result
  }

  /// The operator's range: from the end of the left side to the start of the right, trimmed.
  func operatorRange(_ binary: BinaryExpr) -> PositionRange {
    var start = binary.lhs.position.end
    while start < input.count, isSpace(input[start]) { start += 1 }
    var end = binary.rhs.position.start - 1
    while end > start, end < input.count, isSpace(input[end]) { end -= 1 }
    return PositionRange(start: start, end: max(start, end))
  }

  func checkBinary(_ binary: BinaryExpr, position: PositionRange) throws(PromQLError) -> BinaryExpr {
    var result = binary
    let (lhs, lhsType) = try check(binary.lhs)
    let (rhs, rhsType) = try check(binary.rhs)
    result.lhs = lhs
    result.rhs = rhs
    let op = binary.op
    if binary.returnBool, !op.isComparison {
      throw fail("bool modifier can only be used on comparison operators", operatorRange(binary))
    }
    if op.isComparison, !binary.returnBool, lhsType == .scalar, rhsType == .scalar {
      throw fail("comparisons between scalars must use BOOL modifier", operatorRange(binary))
    }
    var matching = binary.matching ?? VectorMatching()
    if op.isSetOperator, matching.cardinality == .oneToOne { matching.cardinality = .manyToMany }
    if matching.on {
      for label in matching.matchingLabels where matching.include.contains(label) {
        throw fail(
          "label \(GoQuote.token(label)) must not occur in ON and GROUP clause at once", operatorRange(binary)
        )
      }
    }
    if lhsType != .scalar && lhsType != .vector {
      throw fail("binary expression must contain only scalar and instant vector types", lhs.position)
    }
    if rhsType != .scalar && rhsType != .vector {
      throw fail("binary expression must contain only scalar and instant vector types", rhs.position)
    }
    let fills = matching.fillLeft != nil || matching.fillRight != nil
    if lhsType != .vector || rhsType != .vector {
      if !matching.matchingLabels.isEmpty {
        throw fail("vector matching only allowed between instant vectors", position)
      }
      if fills { throw fail("filling in missing series only allowed between instant vectors", position) }
      result.matching = nil
    } else {
      if op.isSetOperator {
        if matching.cardinality == .oneToMany || matching.cardinality == .manyToOne {
          throw fail("no grouping allowed for \(GoQuote.quote(op.rawValue)) operation", position)
        }
        if matching.cardinality != .manyToMany {
          throw fail("set operations must always be many-to-many", position)
        }
        if fills { throw fail("filling in missing series not allowed for set operators", position) }
      }
      result.matching = matching
    }
    if (lhsType == .scalar || rhsType == .scalar) && op.isSetOperator {
      throw fail(
        "set operator \(GoQuote.quote(op.rawValue)) not allowed in binary scalar expression", position)
    }
    return result
  }
}
