import Foundation

extension ScriptReader {
  /// `eval[_fail|_warn|_info|_ordered] instant at T expr` or `... range from S to E step D expr`, and
  /// its block of expect and result lines.
  mutating func eval(command: String, rest: Substring) throws(ScriptError) -> EvalCommand {
    let modifier = command.dropFirst("eval".count)
    guard ["", "_fail", "_warn", "_info", "_ordered"].contains(modifier) else {
      throw error("invalid command \(ScriptQuote.double(command))")
    }
    var rest = rest
    let kind: EvalCommand.Kind
    switch ScriptReader.word(&rest) {
    case "instant":
      var next = ScriptReader.word(&rest)
      if next == "at" { next = ScriptReader.word(&rest) }
      kind = .instant(at: try duration(next, "evaluation time"))
    case "range":
      guard modifier != "_ordered" else { throw error("eval_ordered is for instant queries only") }
      guard ScriptReader.word(&rest) == "from" else { throw error("expected 'from' after 'eval range'") }
      let start = try duration(ScriptReader.word(&rest), "range start")
      guard ScriptReader.word(&rest) == "to" else { throw error("expected 'to' in 'eval range'") }
      let end = try duration(ScriptReader.word(&rest), "range end")
      guard ScriptReader.word(&rest) == "step" else { throw error("expected 'step' in 'eval range'") }
      let step = try duration(ScriptReader.word(&rest), "range step")
      guard end >= start else { throw error("the range end is before its start") }
      guard step > 0 else { throw error("the range step must be positive") }
      kind = .range(start: start, end: end, step: step)
    default:
      throw error("expected 'instant' or 'range' after \(ScriptQuote.single(command))")
    }
    let expression = rest.trimmingCharacters(in: .whitespaces)
    guard !expression.isEmpty else { throw error("missing expression") }
    var eval = EvalCommand(line: index + 1, expression: expression, kind: kind)
    switch modifier {
    case "_fail": eval.failure = .any
    case "_warn": eval.expectsWarning = true
    case "_info": eval.expectsInfo = true
    case "_ordered": eval.ordered = true
    default: break
    }
    index += 1
    while index < lines.count, !lines[index].isEmpty {
      let text = lines[index]
      index += 1
      if try readExpectation(text, into: &eval) { break }
    }
    return eval
  }

  /// Reads one line of an eval's block; true when the line ends the block.
  mutating func readExpectation(_ text: String, into eval: inout EvalCommand) throws(ScriptError) -> Bool {
    let line = index
    var rest = Substring(text)
    let first = ScriptReader.word(&rest)
    if first == "expect" {
      try readExpect(rest, into: &eval, line: line)
      return false
    }
    if first == "expected_fail_message" || first == "expected_fail_regexp" {
      let argument = rest.trimmingCharacters(in: .whitespaces)
      eval.failure = first == "expected_fail_message" ? .message(argument) : .regex(argument)
      return true
    }
    if eval.expectedSeries.isEmpty, !text.contains(" "), !text.contains("\t"),
      let number = SeriesDescription.parseScalar(text)
    {
      eval.expectedScalar = number
      return true
    }
    let series: SeriesDescription
    do {
      // Expected values count against the same budget as loaded ones: they are expanded too.
      series = try SeriesDescription.parse(
        text, budget: SeriesDescription.maxValuesPerScript - expandedValues)
      expandedValues += series.values.count
    } catch {
      throw self.error(error.message, line: line)
    }
    if case .instant = eval.kind, eval.rangeVector == nil, !series.hasHistograms, series.values.count != 1 {
      throw self.error("expected exactly one value for an instant query", line: line)
    }
    eval.expectedSeries.append(series)
    return false
  }

  /// `expect <fail|warn|no_warn|info|no_info|ordered|string|range> ...`.
  func readExpect(_ text: Substring, into eval: inout EvalCommand, line: Int) throws(ScriptError) {
    var rest = text
    guard let type = ScriptReader.word(&rest) else { throw error("missing expectation type", line: line) }
    let argument = rest.trimmingCharacters(in: .whitespaces)
    switch type {
    case "fail":
      if argument.isEmpty {
        eval.failure = .any
      } else if argument.hasPrefix("msg:") {
        eval.failure = .message(argument.dropFirst(4).trimmingCharacters(in: .whitespaces))
      } else if argument.hasPrefix("regex:") {
        eval.failure = .regex(argument.dropFirst(6).trimmingCharacters(in: .whitespaces))
      } else {
        throw error("invalid expect fail: expected 'msg:' or 'regex:'", line: line)
      }
    case "warn": eval.expectsWarning = true
    case "info": eval.expectsInfo = true
    case "no_warn", "no_info": break
    case "ordered": eval.ordered = true
    case "string":
      guard let value = ScriptReader.unquote(argument) else {
        throw error("invalid expect string \(ScriptQuote.cut(argument))", line: line)
      }
      eval.expectedString = value
    case "range":
      var words = Substring(argument)
      guard ScriptReader.word(&words) == "vector", ScriptReader.word(&words) == "from" else {
        throw error("expected 'expect range vector from S to E step D'", line: line)
      }
      let start = try duration(ScriptReader.word(&words), "range start")
      guard ScriptReader.word(&words) == "to" else { throw error("expected 'to'", line: line) }
      let end = try duration(ScriptReader.word(&words), "range end")
      guard ScriptReader.word(&words) == "step" else { throw error("expected 'step'", line: line) }
      let step = try duration(ScriptReader.word(&words), "range step")
      guard step > 0, end >= start else { throw error("invalid range vector bounds", line: line) }
      eval.rangeVector = (start, end, step)
    default:
      throw error("invalid expectation type \(ScriptQuote.double(type))", line: line)
    }
  }

  /// A Go string literal in double quotes (with escapes) or back quotes.
  static func unquote(_ text: String) -> String? {
    guard text.count >= 2, let quote = text.first, quote == "\"" || quote == "`", text.last == quote else {
      return nil
    }
    let body = text.dropFirst().dropLast()
    if quote == "`" { return String(body) }
    var result = ""
    var escaped = false
    for character in body {
      if escaped {
        switch character {
        case "n": result.append("\n")
        case "t": result.append("\t")
        default: result.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        result.append(character)
      }
    }
    return escaped ? nil : result
  }
}
