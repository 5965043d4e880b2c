import Basics

/// Decoding of number, duration and string token text with the rules Prometheus inherits from Go.
enum LiteralDecoding {
  /// A NUMBER token's value: Go's `ParseInt(s, 0, 64)` first (so `0x1F` and octal `010` work),
  /// then `ParseFloat`. Returns the Prometheus error message on failure.
  static func number(_ text: String) -> Result<Double, LiteralError> {
    if let integer = parseInteger(text) { return .success(Double(integer)) }
    let lower = text.lowercased()
    switch lower {
    case "inf", "+inf", "infinity", "+infinity": return .success(.infinity)
    case "-inf", "-infinity": return .success(-.infinity)
    case "nan", "+nan", "-nan": return .success(.nan)
    default: break
    }
    let syntaxError = "strconv.ParseFloat: parsing \(GoQuote.token(text)): invalid syntax"
    let bytes = Array(text.utf8)
    if lower.hasPrefix("0x") || !underscoresAreValid(bytes) {
      return .failure(LiteralError(message: "error parsing number: " + syntaxError))
    }
    let cleaned = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
    for byte in cleaned.utf8
    where
      !(isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
      || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))
    {
      return .failure(LiteralError(message: "error parsing number: " + syntaxError))
    }
    guard let value = Double(cleaned) else {
      return .failure(LiteralError(message: "error parsing number: " + syntaxError))
    }
    if value.isInfinite {
      return .failure(
        LiteralError(
          message:
            "error parsing number: strconv.ParseFloat: parsing \(GoQuote.token(text)): value out of range"
        ))
    }
    return .success(value)
  }

  /// Go's `strconv.ParseInt(s, 0, 64)` for unsigned input; nil on syntax error or overflow.
  static func parseInteger(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)
    guard !bytes.isEmpty, underscoresAreValid(bytes) else { return nil }
    var base: Int64 = 10
    if bytes.count >= 2, bytes[0] == UInt8(ascii: "0") {
      switch bytes[1] | 0x20 {
      case UInt8(ascii: "x"): base = 16
      case UInt8(ascii: "o"): base = 8
      case UInt8(ascii: "b"): base = 2
      default: base = 8
      }
      if base != 8 || bytes[1] | 0x20 == UInt8(ascii: "o") {
        bytes.removeFirst(2)
      } else {
        bytes.removeFirst(1)
      }
    }
    bytes.removeAll { $0 == UInt8(ascii: "_") }
    guard !bytes.isEmpty else { return nil }
    var value: Int64 = 0
    for byte in bytes {
      let digit = Int64(hexValue(byte))
      guard digit < base else { return nil }
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: base)
      let (sum, overflow2) = shifted.addingReportingOverflow(digit)
      if overflow1 || overflow2 { return nil }
      value = sum
    }
    return value
  }

  /// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
  static func underscoresAreValid(_ bytes: [UInt8]) -> Bool {
    guard bytes.contains(UInt8(ascii: "_")) else { return true }
    var saw = UInt8(ascii: "^")
    var index = 0
    var hex = false
    if bytes.count >= 2, bytes[0] == UInt8(ascii: "0") {
      let marker = bytes[1] | 0x20
      if marker == UInt8(ascii: "b") || marker == UInt8(ascii: "o") || marker == UInt8(ascii: "x") {
        index = 2
        saw = UInt8(ascii: "0")
        hex = marker == UInt8(ascii: "x")
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if isDigit(byte) || (hex && hexValue(byte) < 16) {
        saw = UInt8(ascii: "0")
        continue
      }
      if byte == UInt8(ascii: "_") {
        if saw != UInt8(ascii: "0") { return false }
        saw = UInt8(ascii: "_")
        continue
      }
      if saw == UInt8(ascii: "_") { return false }
      saw = UInt8(ascii: "!")
    }
    return saw != UInt8(ascii: "_")
  }

  /// The value of a quoted string token (`"..."`, `'...'` or a raw backtick string), escapes
  /// resolved. The lexer has already validated the escapes.
  static func string(_ token: ArraySlice<UInt8>) -> String {
    guard let quote = token.first, token.count >= 2 else { return "" }
    let body = token.dropFirst().dropLast()
    if quote == UInt8(ascii: "`") {
      return String(decoding: body.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(body.count)
    var index = body.startIndex
    while index < body.endIndex {
      let byte = body[index]
      index += 1
      guard byte == UInt8(ascii: "\\"), index < body.endIndex else {
        out.append(byte)
        continue
      }
      let escape = body[index]
      index += 1
      switch escape {
      case UInt8(ascii: "a"): out.append(0x07)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "v"): out.append(0x0B)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = UInt32(escape - UInt8(ascii: "0"))
        for _ in 0..<2 where index < body.endIndex {
          value = value &* 8 &+ hexValue(body[index])
          index += 1
        }
        out.append(UInt8(truncatingIfNeeded: value))
      case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
        let count = escape == UInt8(ascii: "x") ? 2 : (escape == UInt8(ascii: "u") ? 4 : 8)
        var value: UInt32 = 0
        for _ in 0..<count where index < body.endIndex {
          value = value &* 16 &+ hexValue(body[index])
          index += 1
        }
        if escape == UInt8(ascii: "x") {
          out.append(UInt8(truncatingIfNeeded: value))
        } else if let scalar = Unicode.Scalar(value) {
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
      default:
        out.append(escape)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// A number token that Go's `strconv` would reject.
struct LiteralError: Error {
  var message: String
}
