import Basics

/// Scanning of character, number and string literals inside actions.
extension Lexer {
  mutating func lexChar() -> Bool {
    while true {
      switch next() {
      case "\\":
        let escaped = next()
        if escaped == nil || escaped == "\n" {
          fail("unterminated character constant")
          return false
        }
      case nil, "\n":
        fail("unterminated character constant")
        return false
      case "'":
        emit(.charConstant)
        return true
      default: break
      }
    }
  }

  mutating func lexNumber() -> Bool {
    guard scanNumber() else {
      fail("bad number syntax: \(GoQuote.quote(slice(start, pos)))")
      return false
    }
    if let sign = peek(), sign == "+" || sign == "-" {
      guard scanNumber(), pos > 0, input[pos - 1] == UInt8(ascii: "i") else {
        fail("bad number syntax: \(GoQuote.quote(slice(start, pos)))")
        return false
      }
      emit(.complex)
    } else {
      emit(.number)
    }
    return true
  }

  mutating func accept(_ valid: String) -> Bool {
    if let scalar = peek(), valid.unicodeScalars.contains(scalar) {
      _ = next()
      return true
    }
    return false
  }

  mutating func acceptRun(_ valid: String) {
    while accept(valid) {}
  }

  mutating func scanNumber() -> Bool {
    _ = accept("+-")
    var digits = "0123456789_"
    if accept("0") {
      if accept("xX") {
        digits = "0123456789abcdefABCDEF_"
      } else if accept("oO") {
        digits = "01234567_"
      } else if accept("bB") {
        digits = "01_"
      }
    }
    acceptRun(digits)
    if accept(".") { acceptRun(digits) }
    if digits.count == 11 && accept("eE") {
      _ = accept("+-")
      acceptRun("0123456789_")
    }
    if digits.count == 23 && accept("pP") {
      _ = accept("+-")
      acceptRun("0123456789_")
    }
    _ = accept("i")
    if let scalar = peek(), isAlphaNumeric(scalar) {
      _ = next()
      return false
    }
    return true
  }

  mutating func lexQuote() -> Bool {
    while true {
      switch next() {
      case "\\":
        let escaped = next()
        if escaped == nil || escaped == "\n" {
          fail("unterminated quoted string")
          return false
        }
      case nil, "\n":
        fail("unterminated quoted string")
        return false
      case "\"":
        emit(.string)
        return true
      default: break
      }
    }
  }

  mutating func lexRawQuote() -> Bool {
    while true {
      switch next() {
      case nil:
        fail("unterminated raw quoted string")
        return false
      case "`":
        emit(.rawString)
        return true
      default: break
      }
    }
  }
}
