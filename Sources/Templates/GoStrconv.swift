import Basics

/// `%#U`: `U+0041 'A'`, or just `U+00A0` when the rune is not printable; `EOF` at the end.
func goRuneDescription(_ scalar: Unicode.Scalar?) -> String {
  guard let scalar else { return "EOF" }
  return GoQuote.unicodeForm(scalar.value)
}

/// Go's `strconv.CanBackquote`.
func goCanBackquote(_ text: String) -> Bool {
  text.unicodeScalars.allSatisfy { scalar in
    scalar != "`" && scalar != "\u{FEFF}" && (scalar == "\t" || scalar.value >= 0x20 && scalar.value != 0x7F)
  }
}

/// Go's `strconv.Unquote` for a double-quoted or raw string literal; nil on bad syntax.
func goUnquote(_ quoted: String) -> String? {
  let scalars = Array(quoted.unicodeScalars)
  guard scalars.count >= 2, let first = scalars.first, first == scalars.last else { return nil }
  let body = scalars[1..<(scalars.count - 1)]
  if first == "`" {
    guard !body.contains("`") else { return nil }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: body.filter { $0 != "\r" })
    return String(result)
  }
  guard first == "\"" else { return nil }
  var result = String.UnicodeScalarView()
  var rest = ArraySlice(body)
  while let scalar = rest.first {
    if scalar == "\"" || scalar == "\n" { return nil }
    guard let (decoded, tail) = unquoteOne(rest, quote: "\"") else { return nil }
    result.append(decoded)
    rest = tail
  }
  return String(result)
}

/// Go's `strconv.UnquoteChar` applied to a whole character literal `'x'`.
func goUnquoteChar(_ literal: String) -> Unicode.Scalar? {
  let scalars = Array(literal.unicodeScalars)
  guard scalars.count >= 3, scalars.first == "'", scalars.last == "'" else { return nil }
  let body = ArraySlice(scalars[1..<(scalars.count - 1)])
  guard body.first != "'", let (decoded, tail) = unquoteOne(body, quote: "'"), tail.isEmpty else {
    return nil
  }
  return decoded
}

private func unquoteOne(_ input: ArraySlice<Unicode.Scalar>, quote: Unicode.Scalar)
  -> (Unicode.Scalar, ArraySlice<Unicode.Scalar>)?
{
  guard let first = input.first else { return nil }
  var rest = input.dropFirst()
  guard first == "\\" else { return (first, rest) }
  guard let code = rest.first else { return nil }
  rest = rest.dropFirst()
  switch code {
  case "a": return ("\u{07}", rest)
  case "b": return ("\u{08}", rest)
  case "f": return ("\u{0C}", rest)
  case "n": return ("\n", rest)
  case "r": return ("\r", rest)
  case "t": return ("\t", rest)
  case "v": return ("\u{0B}", rest)
  case "\\": return ("\\", rest)
  case "'", "\"":
    guard code == quote else { return nil }
    return (code, rest)
  case "x", "u", "U":
    let count = code == "x" ? 2 : code == "u" ? 4 : 8
    guard rest.count >= count else { return nil }
    guard let value = UInt32(String(String.UnicodeScalarView(rest.prefix(count))), radix: 16) else {
      return nil
    }
    // A \x escape is a byte; bytes above 0x7F cannot stand alone in a Swift string.
    guard let scalar = Unicode.Scalar(code == "x" && value > 0x7F ? 0xFFFD : value) else { return nil }
    return (scalar, rest.dropFirst(count))
  case "0"..."7":
    let digits = [code] + Array(rest.prefix(2))
    guard digits.count == 3, let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 8),
      value <= 255, let scalar = Unicode.Scalar(value > 0x7F ? 0xFFFD : value)
    else { return nil }
    return (scalar, rest.dropFirst(2))
  default:
    return nil
  }
}

/// Go's `strconv.ParseInt(text, 0, 64)`: sign, base prefixes `0x`/`0o`/`0b`/`0`, underscores.
func goParseInt(_ text: String) -> Int64? {
  var body = Substring(text)
  var negative = false
  if body.hasPrefix("+") || body.hasPrefix("-") {
    negative = body.hasPrefix("-")
    body = body.dropFirst()
  }
  var radix = 10
  var prefixed = false
  let lower = body.lowercased()
  if lower.hasPrefix("0x") {
    (radix, prefixed) = (16, true)
  } else if lower.hasPrefix("0o") {
    (radix, prefixed) = (8, true)
  } else if lower.hasPrefix("0b") {
    (radix, prefixed) = (2, true)
  } else if body.count > 1 && body.hasPrefix("0") {
    radix = 8
    body = body.dropFirst()
  }
  if prefixed { body = body.dropFirst(2) }
  if body.contains("_") {
    // Underscores only between digits, or right after a base prefix.
    let parts = body.split(separator: "_", omittingEmptySubsequences: false)
    guard radix != 10 || !text.hasPrefix("0") || text == "0" else { return nil }
    guard parts.dropFirst().allSatisfy({ !$0.isEmpty }), !parts[0].isEmpty || prefixed else { return nil }
    body = Substring(parts.joined())
  }
  guard !body.isEmpty, let magnitude = UInt64(body, radix: radix) else { return nil }
  if negative {
    guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
    return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
  }
  return Int64(exactly: magnitude)
}

/// Parses a number constant of template text as a float64 (decimal or hex float, underscores).
func goParseNumberFloat(_ text: String) -> Double? {
  let cleaned = String(text.filter { $0 != "_" })
  guard !cleaned.isEmpty,
    cleaned.unicodeScalars.allSatisfy({ "0123456789abcdefABCDEFxXpP.+-".unicodeScalars.contains($0) })
  else { return nil }
  return Double(cleaned)
}

/// The result of Go's `strconv.ParseFloat(text, 64)`.
enum GoParseFloatResult {
  case value(Double)
  case syntax
  case range(Double)
}

/// Go's `strconv.ParseFloat(text, 64)`: decimal and hex floats, `inf`/`infinity`/`nan` in any case,
/// underscores only with a base prefix; out-of-range values are an error.
func goParseFloat(_ text: String) -> GoParseFloatResult {
  var body = Substring(text)
  var sign = ""
  if body.hasPrefix("+") || body.hasPrefix("-") {
    sign = String(body.prefix(1))
    body = body.dropFirst()
  }
  let lower = body.lowercased()
  if lower == "inf" || lower == "infinity" { return .value(sign == "-" ? -.infinity : .infinity) }
  if lower == "nan" { return sign.isEmpty ? .value(.nan) : .syntax }
  let isHex = lower.hasPrefix("0x")
  var digits = String(lower)
  if digits.contains("_") {
    guard isHex || lower.hasPrefix("0b") || lower.hasPrefix("0o") else { return .syntax }
    digits = String(digits.filter { $0 != "_" })
  }
  let allowed = isHex ? "0123456789abcdef.p+-x" : "0123456789.e+-"
  guard !digits.isEmpty, digits.unicodeScalars.allSatisfy({ allowed.unicodeScalars.contains($0) }) else {
    return .syntax
  }
  if isHex && !digits.contains("p") { return .syntax }
  let mantissa = isHex ? digits.dropFirst(2).prefix { $0 != "p" } : digits.prefix { $0 != "e" }
  guard mantissa.contains(where: \.isHexDigit), mantissa.filter({ $0 == "." }).count <= 1 else {
    return .syntax
  }
  guard let value = Double(sign + digits) else { return .syntax }
  if value.isInfinite { return .range(value) }
  return .value(value)
}
