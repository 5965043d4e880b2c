import Basics

/// A lexical item of template text, positioned by byte offset as Go's `parse.Pos` is.
struct Token {
  enum Kind: Equatable {
    case error, bool, char, charConstant, complex, declare, assign, eof, field, identifier
    case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text
    case variable
    // Keywords.
    case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
    case range, template, with

    var isKeyword: Bool {
      switch self {
      case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end, .ifKeyword,
        .nilKeyword, .range, .template, .with:
        true
      default: false
      }
    }
  }

  var kind: Kind
  var pos: Int
  var text: String
  var line: Int

  /// How Go's `item.String` shows the token in `unexpected X in Y` messages.
  var display: String {
    switch kind {
    case .eof: return "EOF"
    case .error: return text
    default:
      if kind.isKeyword { return "<\(text)>" }
      if text.unicodeScalars.count > 10 {
        return GoQuote.quote(String(String.UnicodeScalarView(text.unicodeScalars.prefix(10)))) + "..."
      }
      return GoQuote.quote(text)
    }
  }
}

func isSpace(_ scalar: Unicode.Scalar) -> Bool {
  scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
}

func isAlphaNumeric(_ scalar: Unicode.Scalar) -> Bool {
  scalar == "_" || scalar.properties.generalCategory.isLetter
    || scalar.properties.generalCategory == .decimalNumber
}

extension Unicode.GeneralCategory {
  var isLetter: Bool {
    switch self {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
    default: false
    }
  }
}

/// Decodes one UTF-8 scalar; a malformed byte decodes as U+FFFD of width 1, as Go does.
func decodeUTF8(_ bytes: [UInt8], at offset: Int) -> (scalar: Unicode.Scalar?, width: Int) {
  let first = bytes[offset]
  if first < 0x80 { return (Unicode.Scalar(first), 1) }
  let length: Int
  switch first {
  case 0xC2...0xDF: length = 2
  case 0xE0...0xEF: length = 3
  case 0xF0...0xF4: length = 4
  default: return ("\u{FFFD}", 1)
  }
  guard offset + length <= bytes.count else { return ("\u{FFFD}", 1) }
  var value = UInt32(first) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
  for index in 1..<length {
    let byte = bytes[offset + index]
    guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
    value = value << 6 | UInt32(byte & 0x3F)
  }
  guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
  return (scalar, length)
}
