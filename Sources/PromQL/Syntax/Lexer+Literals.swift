import Basics

extension Lexer {
  /// Scans a `"` or `'` string; the opening quote is consumed. Escapes are validated here,
  /// decoded later by ``StringLiteralDecoding``.
  mutating func lexString(quote: UInt8) -> Token {
    while true {
      guard let byte = current, byte != UInt8(ascii: "\n") else {
        return error("unterminated quoted string")
      }
      if byte == UInt8(ascii: "\\") {
        pos += 1
        if let message = lexEscape(quote: quote) { return error(message) }
        continue
      }
      let (scalar, width) = UTF8Decoding.decode(input, at: pos)
      if scalar == 0xFFFD { return error("invalid UTF-8 rune") }
      pos += width
      if byte == quote { return token(.string) }
    }
  }

  mutating func lexRawString() -> Token {
    while true {
      guard let byte = current else { return error("unterminated raw string") }
      let (scalar, width) = UTF8Decoding.decode(input, at: pos)
      if scalar == 0xFFFD { return error("invalid UTF-8 rune") }
      pos += width
      if byte == UInt8(ascii: "`") { return token(.string) }
    }
  }

  /// Validates one escape sequence after a backslash; returns an error message or nil.
  mutating func lexEscape(quote: UInt8) -> String? {
    guard let first = current else { return "escape sequence not terminated" }
    var digits: Int
    var base: UInt32
    var maximum: UInt32
    switch first {
    case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
      UInt8(ascii: "t"), UInt8(ascii: "v"), UInt8(ascii: "\\"), quote:
      pos += 1
      return nil
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      (digits, base, maximum) = (3, 8, 255)
    case UInt8(ascii: "x"):
      pos += 1
      (digits, base, maximum) = (2, 16, 255)
    case UInt8(ascii: "u"):
      pos += 1
      (digits, base, maximum) = (4, 16, 0x10FFFF)
    case UInt8(ascii: "U"):
      pos += 1
      (digits, base, maximum) = (8, 16, 0x10FFFF)
    default:
      let (scalar, width) = UTF8Decoding.decode(input, at: pos)
      pos += width
      return "unknown escape sequence \(GoQuote.unicodeForm(scalar))"
    }
    var value: UInt32 = 0
    while digits > 0 {
      guard let byte = current else { return "escape sequence not terminated" }
      let digit = hexValue(byte)
      if digit >= base {
        let (scalar, width) = UTF8Decoding.decode(input, at: pos)
        pos += width
        return "illegal character \(GoQuote.unicodeForm(scalar)) in escape sequence"
      }
      pos += 1
      value = value &* base &+ digit
      digits -= 1
    }
    if value > maximum || (0xD800..<0xE000).contains(value) {
      return "escape sequence is an invalid Unicode code point"
    }
    return nil
  }

  /// A number (`1`, `0x1F`, `1e3`, `.5`, `1_000`) or a duration (`5m`, `1h30m`, `500ms`).
  mutating func lexNumberOrDuration() -> Token {
    if scanNumber() { return token(.number) }
    if acceptRemainingDuration() { return token(.duration) }
    let text = String(decoding: input[start..<min(pos, input.count)], as: UTF8.self)
    return error("bad number or duration syntax: \(GoQuote.token(text))")
  }

  /// Consumes the remainder of a duration after its leading digits, as Prometheus does. On failure
  /// the offending letter is consumed too, so the error message shows it.
  mutating func acceptRemainingDuration() -> Bool {
    if !accept("smhdwy") { return false }
    _ = accept("s")
    while accept("0123456789") {
      while accept("0123456789") {}
      if !accept("smhdw") { return false }
      _ = accept("s")
    }
    guard let byte = current, isAlphaNumeric(byte) else { return true }
    pos += 1
    return false
  }

  /// Scans the longest number-like prefix; false if it is malformed or runs into a letter.
  mutating func scanNumber() -> Bool {
    let initial = pos
    var hex = false
    if accept("0") && accept("xX") {
      _ = accept("_")
      hex = true
    }
    func isNumberDigit(_ byte: UInt8) -> Bool { hex ? hexValue(byte) < 16 : isDigit(byte) }
    _ = accept(".")
    if let byte = current, isNumberDigit(byte) { pos += 1 }
    var dotConsumed = false
    var exponentConsumed = false
    while let byte = current,
      isNumberDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    {
      if byte == UInt8(ascii: ".") {
        pos += 1
        if dotConsumed { return false }
        dotConsumed = true
        if accept("_.") { return false }
        if hex { return false }
        continue
      }
      if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        pos += 1
        if exponentConsumed { return false }
        exponentConsumed = true
        _ = accept("+-")
        if accept("._eE") || current == nil { return false }
        continue
      }
      if byte == UInt8(ascii: "_") {
        pos += 1
        if accept("._eE") || current == nil { return false }
        continue
      }
      while let digit = current, isNumberDigit(digit) { pos += 1 }
    }
    if pos == initial { return false }
    guard let next = current else { return true }
    return !isAlphaNumeric(next)
  }
}

func hexValue(_ byte: UInt8) -> UInt32 {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
  default: return 16
  }
}
