import Basics

/// Canonical PromQL text, as Prometheus's `String()` methods write it.
extension Expr: CustomStringConvertible {
  /// The text form.
  public var description: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .number(let literal): out += literal.description
    case .string(let literal): out += GoQuote.quote(literal.value)
    case .vectorSelector(let selector): out += selector.description
    case .matrixSelector(let matrix): out += matrix.description
    case .subquery(let subquery):
      subquery.expr.write(to: &out)
      out += "[" + subquery.range.description + ":"
      if let step = subquery.step { out += step.description }
      out += "]"
      out += atText(subquery.at) + offsetText(subquery.offset)
    case .aggregate(let aggregate):
      out += aggregate.op.rawValue
      if aggregate.without {
        out += " without (" + labelList(aggregate.grouping) + ") "
      } else if !aggregate.grouping.isEmpty {
        out += " by (" + labelList(aggregate.grouping) + ") "
      }
      out += "("
      if let param = aggregate.param {
        param.write(to: &out)
        out += ", "
      }
      aggregate.expr.write(to: &out)
      out += ")"
    case .binary(let binary):
      binary.lhs.write(to: &out)
      out += " " + binary.op.rawValue
      if binary.returnBool { out += " bool" }
      if let matching = binary.matching { out += matching.description }
      out += " "
      binary.rhs.write(to: &out)
    case .unary(let unary):
      out += unary.op.rawValue
      unary.expr.write(to: &out)
    case .call(let call):
      out += call.function.name + "("
      for (index, arg) in call.args.enumerated() {
        if index > 0 { out += ", " }
        arg.write(to: &out)
      }
      out += ")"
    case .paren(let paren):
      out += "("
      paren.expr.write(to: &out)
      out += ")"
    }
  }
}

/// Label names joined by `, `, quoted when they are not legacy names.
func labelList(_ labels: [String]) -> String {
  labels.map { LabelMatcher.isLegacyName($0) ? $0 : GoQuote.quote($0) }.joined(separator: ", ")
}

func atText(_ at: AtModifier?) -> String {
  switch at {
  case nil: return ""
  case .start: return " @ start()"
  case .end: return " @ end()"
  case .timestamp(let milliseconds):
    let sign = milliseconds < 0 ? "-" : ""
    let magnitude = milliseconds.magnitude
    let fraction = String(magnitude % 1000)
    return " @ \(sign)\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}

func offsetText(_ offset: DurationValue?) -> String {
  guard let offset else { return "" }
  return " offset " + offset.description
}

extension NumberLiteral: CustomStringConvertible {
  /// Durations print as durations (`5m`), other numbers in Go's shortest `%f` form.
  public var description: String {
    if isDuration, value.isFinite {
      let nanoseconds = (value * 1e9).rounded(.towardZero)
      let clamped = nanoseconds.magnitude >= 0x1p63 ? Int64.max : Int64(nanoseconds.magnitude)
      return (value < 0 ? "-" : "") + PromDuration.format(nanoseconds: clamped)
    }
    return goFormatFloatF(value)
  }
}

extension DurationValue: CustomStringConvertible {
  /// `5m`, `-1h` or the expression's text.
  public var description: String {
    switch self {
    case .fixed(let nanoseconds):
      if nanoseconds < 0 {
        return "-" + PromDuration.format(nanoseconds: nanoseconds == .min ? .max : -nanoseconds)
      }
      return PromDuration.format(nanoseconds: nanoseconds)
    case .expression(let expr): return expr.description
    }
  }
}

extension DurationExpr: CustomStringConvertible {
  /// The text form.
  public var description: String {
    switch self {
    case .number(let literal): return literal.description
    case .binary(let op, let lhs, let rhs): return "\(lhs) \(op.rawValue) \(rhs)"
    case .negate(let inner, _): return "-\(inner)"
    case .paren(let inner, _): return "(\(inner))"
    case .step: return "step()"
    case .range: return "range()"
    case .minOf(let first, let second, _): return "min_of(\(first), \(second))"
    case .maxOf(let first, let second, _): return "max_of(\(first), \(second))"
    }
  }
}

extension VectorSelector: CustomStringConvertible {
  /// `name{a="b"} @ 1.000 anchored offset 5m`; matchers sorted, the name matcher left out.
  public var description: String {
    var out = baseText
    out += atText(at)
    if anchored { out += " anchored" } else if smoothed { out += " smoothed" }
    out += offsetText(offset)
    return out
  }

  /// The name and matchers without modifiers.
  var baseText: String {
    var parts: [String] = []
    for matcher in matchers {
      if matcher.name == LabelMatcher.metricNameLabel, matcher.type == .equal, matcher.value == name,
        !name.isEmpty
      {
        continue
      }
      parts.append(matcher.description)
    }
    var out = name
    if !parts.isEmpty {
      parts.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      out += "{" + parts.joined(separator: ",") + "}"
    }
    return out
  }
}

extension MatrixSelector: CustomStringConvertible {
  /// `name{...}[5m] anchored @ 1.000 offset 1m`.
  public var description: String {
    var out = selector.baseText + "[" + range.description + "]"
    if selector.anchored { out += " anchored" } else if selector.smoothed { out += " smoothed" }
    return out + atText(selector.at) + offsetText(selector.offset)
  }
}

extension VectorMatching: CustomStringConvertible {
  /// ` on (a) group_left (b) fill (0)` with a leading space, or "" for plain one-to-one matching.
  public var description: String {
    var out = ""
    let grouped = cardinality == .manyToOne || cardinality == .oneToMany
    if !matchingLabels.isEmpty || on || grouped {
      out += (on ? " on (" : " ignoring (") + labelList(matchingLabels) + ")"
    }
    if grouped {
      out += (cardinality == .manyToOne ? " group_left (" : " group_right (") + labelList(include) + ")"
    }
    if let left = fillLeft, let right = fillRight, left.bitPattern == right.bitPattern {
      out += " fill (\(goFormatFloatG(left)))"
    } else {
      if let left = fillLeft { out += " fill_left (\(goFormatFloatG(left)))" }
      if let right = fillRight { out += " fill_right (\(goFormatFloatG(right)))" }
    }
    return out
  }
}
