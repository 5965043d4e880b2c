/// promtool's `input_series` notation: a selector `name{l="v"}` and value items `1 2 _ 0+10x100`.
enum SeriesNotation {
  /// Reads `name` or `name{label="value", ...}` (double-quoted values with `\"`, `\\`, `\n`).
  static func selector(_ token: Token, parser: ScenarioParser) throws(ScenarioError) -> (
    String, [(String, String)]
  ) {
    let chars = Array(token.text.unicodeScalars)
    var i = 0
    func isNameChar(_ c: Unicode.Scalar, first: Bool) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == ":"
        || (!first && c >= "0" && c <= "9")
    }
    func fail(_ offset: Int, _ message: String) -> ScenarioError {
      parser.fail(token.column + offset, message)
    }
    while i < chars.count, isNameChar(chars[i], first: i == 0) { i += 1 }
    guard i > 0 else { throw fail(0, "a series needs a metric name") }
    let name = String(String.UnicodeScalarView(chars[0..<i]))
    var labels: [(String, String)] = []
    var names = Set<String>()
    guard i < chars.count else { return (name, labels) }
    guard chars[i] == "{" else {
      throw fail(i, "unexpected \(ScenarioParser.quote(String(chars[i]))) in metric name")
    }
    i += 1
    while true {
      while i < chars.count, chars[i] == " " { i += 1 }
      guard i < chars.count else { throw fail(i, "missing '}'") }
      if chars[i] == "}" {
        i += 1
        break
      }
      let start = i
      while i < chars.count, isNameChar(chars[i], first: i == start), chars[i] != ":" { i += 1 }
      guard i > start else { throw fail(i, "expected a label name") }
      let key = String(String.UnicodeScalarView(chars[start..<i]))
      guard i < chars.count, chars[i] == "=" else {
        throw fail(i, "expected '=' after label \(ScenarioParser.quote(key))")
      }
      i += 1
      guard i < chars.count, chars[i] == "\"" else { throw fail(i, "expected a \"quoted\" label value") }
      i += 1
      var value = String.UnicodeScalarView()
      while i < chars.count, chars[i] != "\"" {
        if chars[i] == "\\", i + 1 < chars.count {
          i += 1
          value.append(chars[i] == "n" ? "\n" : chars[i])
        } else {
          value.append(chars[i])
        }
        i += 1
      }
      guard i < chars.count else { throw fail(i, "unterminated label value") }
      i += 1
      guard names.insert(key).inserted else {
        throw fail(start, "label \(ScenarioParser.quote(key)) given twice")
      }
      labels.append((key, String(value)))
      while i < chars.count, chars[i] == " " { i += 1 }
      if i < chars.count, chars[i] == "," { i += 1 }
    }
    guard i == chars.count else { throw fail(i, "unexpected text after '}'") }
    return (name, labels)
  }

  /// How many values `expand` makes of an item, without making them; 1 for an item it will
  /// reject (so the caller can check its limits first and leave the message to `expand`).
  static func valueCount(_ text: String) -> Int {
    if text.hasPrefix("_x") { return ScenarioValues.count(String(text.dropFirst(2))) ?? 1 }
    guard let x = text.lastIndex(of: "x"), let n = ScenarioValues.count(String(text[text.index(after: x)...]))
    else { return 1 }
    return n + 1
  }

  /// Expands one value item: `v`, `_`, `_xN`, `vxN`, `a+bxN`, `a-bxN` (N+1 values, as promtool).
  static func expand(_ token: Token, parser: ScenarioParser) throws(ScenarioError) -> [Double?] {
    let text = token.text
    func bad() -> ScenarioError {
      parser.fail(
        token.column, "bad value \(ScenarioParser.quote(text)) (expected v, _, _xN, vxN, a+bxN or a-bxN)")
    }
    if text == "_" { return [nil] }
    if text.hasPrefix("_x") {
      guard let n = ScenarioValues.count(String(text.dropFirst(2))), n <= 1_000_000 else { throw bad() }
      return Array(repeating: nil, count: n)
    }
    guard let x = text.lastIndex(of: "x") else {
      guard let v = ScenarioValues.number(text) else { throw bad() }
      return [v]
    }
    guard let n = ScenarioValues.count(String(text[text.index(after: x)...])), n <= 1_000_000 else {
      throw bad()
    }
    let body = text[..<x]
    // The step's sign is the first '+' or '-' after the first character that is not an exponent sign.
    var split: String.Index?
    var i = body.isEmpty ? body.endIndex : body.index(after: body.startIndex)
    while i < body.endIndex {
      let c = body[i]
      if c == "+" || c == "-" {
        let prev = body[body.index(before: i)]
        if prev != "e" && prev != "E" {
          split = i
          break
        }
      }
      i = body.index(after: i)
    }
    guard let split else {
      guard let v = ScenarioValues.number(String(body)) else { throw bad() }
      return Array(repeating: v, count: n + 1)
    }
    guard let a = ScenarioValues.number(String(body[..<split])),
      let b = ScenarioValues.number(String(body[body.index(after: split)...]))
    else { throw bad() }
    let step = body[split] == "+" ? b : -b
    return (0...n).map { a + Double($0) * step }
  }
}
