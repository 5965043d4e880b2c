/// Scalar scanning: plain, quoted and block scalars, with YAML's line folding and escapes.
extension Scanner {
  private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Folds a line break into `out`: a single break becomes a space, further breaks stay.
  private static func fold(
    leadingBreak: inout [UInt8], trailingBreaks: inout [UInt8], into out: inout [UInt8]
  ) {
    if leadingBreak.first == 0x0A {
      if trailingBreaks.isEmpty { out.append(0x20) } else { out.append(contentsOf: trailingBreaks) }
    } else {
      out.append(contentsOf: leadingBreak)
      out.append(contentsOf: trailingBreaks)
    }
    leadingBreak.removeAll(keepingCapacity: true)
    trailingBreaks.removeAll(keepingCapacity: true)
  }

  mutating func scanPlainScalar() throws(SyntaxError) -> Token {
    let start = mark
    var end = mark
    var out: [UInt8] = []
    var whitespaces: [UInt8] = []
    var leadingBreak: [UInt8] = []
    var trailingBreaks: [UInt8] = []
    var leadingBlanks = false
    let minIndent = indent + 1
    while true {
      if isDocumentIndicator(UInt8(ascii: "-")) || isDocumentIndicator(UInt8(ascii: ".")) { break }
      if byte() == UInt8(ascii: "#") { break }
      while !isBlankZ(0) {
        let c = byte()
        if c == UInt8(ascii: ":") {
          if isBlankZ(1) { break }
          // go-yaml v3 ends `a:` before a flow indicator inside flow collections, so `{a:1}` keeps `a:1`.
          if flowLevel > 0 {
            let n = byte(1)
            if n == UInt8(ascii: ",") || n == UInt8(ascii: "?") || n == UInt8(ascii: "[")
              || n == UInt8(ascii: "]") || n == UInt8(ascii: "{") || n == UInt8(ascii: "}")
            {
              break
            }
          }
        } else if flowLevel > 0
          && (c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}"))
        {
          break
        }
        if leadingBlanks {
          Scanner.fold(leadingBreak: &leadingBreak, trailingBreaks: &trailingBreaks, into: &out)
          leadingBlanks = false
        } else if !whitespaces.isEmpty {
          out.append(contentsOf: whitespaces)
          whitespaces.removeAll(keepingCapacity: true)
        }
        copy(into: &out)
        copyRun(flowLevel > 0 ? .plainFlow : .plainBlock, into: &out)
        end = mark
      }
      guard Scanner.isBlank(byte()) || isBreak(0) else { break }
      while Scanner.isBlank(byte()) || isBreak(0) {
        if Scanner.isBlank(byte()) {
          if leadingBlanks && mark.column < minIndent && byte() == 9 {
            throw SyntaxError("found a tab character that violates indentation", at: mark)
          }
          if !leadingBlanks { whitespaces.append(byte()) }
          skip()
        } else if !leadingBlanks {
          whitespaces.removeAll(keepingCapacity: true)
          readLine(into: &leadingBreak)
          leadingBlanks = true
        } else {
          readLine(into: &trailingBreaks)
        }
      }
      if flowLevel == 0 && mark.column < minIndent { break }
    }
    if leadingBlanks { simpleKeyAllowed = true }
    return Token(kind: .scalar(Scanner.string(out), .plain), start: start, end: end)
  }

  mutating func scanQuotedScalar(single: Bool) throws(SyntaxError) -> Token {
    let start = mark
    let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
    skip()
    var out: [UInt8] = []
    var whitespaces: [UInt8] = []
    var leadingBreak: [UInt8] = []
    var trailingBreaks: [UInt8] = []
    while true {
      if isDocumentIndicator(UInt8(ascii: "-")) || isDocumentIndicator(UInt8(ascii: ".")) {
        throw SyntaxError("found unexpected document indicator", at: start)
      }
      if isZ(0) { throw SyntaxError("found unexpected end of stream", at: start) }
      var leadingBlanks = false
      while !isBlankZ(0) {
        let c = byte()
        if single && c == quote && byte(1) == quote {
          out.append(quote)
          skip()
          skip()
        } else if c == quote {
          break
        } else if !single && c == UInt8(ascii: "\\") && isBreak(1) {
          skip()
          skipLine()
          leadingBlanks = true
          break
        } else if !single && c == UInt8(ascii: "\\") {
          try scanEscape(into: &out)
        } else {
          copy(into: &out)
          copyRun(single ? .singleQuoted : .doubleQuoted, into: &out)
        }
      }
      if byte() == quote { break }
      while Scanner.isBlank(byte()) || isBreak(0) {
        if Scanner.isBlank(byte()) {
          if !leadingBlanks { whitespaces.append(byte()) }
          skip()
        } else if !leadingBlanks {
          whitespaces.removeAll(keepingCapacity: true)
          readLine(into: &leadingBreak)
          leadingBlanks = true
        } else {
          readLine(into: &trailingBreaks)
        }
      }
      if leadingBlanks {
        Scanner.fold(leadingBreak: &leadingBreak, trailingBreaks: &trailingBreaks, into: &out)
      } else {
        out.append(contentsOf: whitespaces)
        whitespaces.removeAll(keepingCapacity: true)
      }
    }
    skip()
    let style: YAMLScalarStyle = single ? .singleQuoted : .doubleQuoted
    return Token(kind: .scalar(Scanner.string(out), style), start: start, end: mark)
  }

  /// Decodes the escape at the mark (a backslash not followed by a line break).
  private mutating func scanEscape(into out: inout [UInt8]) throws(SyntaxError) {
    let escapeMark = mark
    var hexDigits = 0
    switch byte(1) {
    case UInt8(ascii: "0"): out.append(0)
    case UInt8(ascii: "a"): out.append(7)
    case UInt8(ascii: "b"): out.append(8)
    case UInt8(ascii: "t"), 9: out.append(9)
    case UInt8(ascii: "n"): out.append(10)
    case UInt8(ascii: "v"): out.append(11)
    case UInt8(ascii: "f"): out.append(12)
    case UInt8(ascii: "r"): out.append(13)
    case UInt8(ascii: "e"): out.append(0x1B)
    case UInt8(ascii: " "): out.append(0x20)
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "'"): out.append(0x27)
    case UInt8(ascii: "/"): out.append(0x2F)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
    case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
    case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
    case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
    case UInt8(ascii: "x"): hexDigits = 2
    case UInt8(ascii: "u"): hexDigits = 4
    case UInt8(ascii: "U"): hexDigits = 8
    default: throw SyntaxError("found unknown escape character", at: escapeMark)
    }
    skip()
    skip()
    guard hexDigits > 0 else { return }
    var value: UInt32 = 0
    for offset in 0..<hexDigits {
      guard let digit = Scanner.hexValue(byte(offset)) else {
        throw SyntaxError("did not find expected hexdecimal number", at: escapeMark)
      }
      value = value << 4 | digit
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw SyntaxError("found invalid Unicode character escape code", at: escapeMark)
    }
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
    for _ in 0..<hexDigits { skip() }
  }

  mutating func scanBlockScalar(literal: Bool) throws(SyntaxError) -> Token {
    let start = mark
    skip()
    var chomping = 0
    var increment = 0
    for _ in 0..<2 {
      let c = byte()
      if chomping == 0 && (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) {
        chomping = c == UInt8(ascii: "+") ? 1 : -1
        skip()
      } else if increment == 0 && c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        if c == UInt8(ascii: "0") {
          throw SyntaxError("found an indentation indicator equal to 0", at: mark)
        }
        increment = Int(c - UInt8(ascii: "0"))
        skip()
      }
    }
    while Scanner.isBlank(byte()) { skip() }
    if byte() == UInt8(ascii: "#") {
      while !isBreakZ(0) { skip() }
    }
    guard isBreakZ(0) else { throw SyntaxError("did not find expected comment or line break", at: mark) }
    skipLine()
    var end = mark
    var blockIndent = 0
    if increment > 0 { blockIndent = indent >= 0 ? indent + increment : increment }
    var out: [UInt8] = []
    var leadingBreak: [UInt8] = []
    var trailingBreaks: [UInt8] = []
    var leadingBlank = false
    try scanBlockBreaks(indent: &blockIndent, breaks: &trailingBreaks, end: &end)
    while mark.column == blockIndent && !isZ(0) {
      let trailingBlank = Scanner.isBlank(byte())
      if !literal && leadingBreak.first == 0x0A && !leadingBlank && !trailingBlank {
        if trailingBreaks.isEmpty { out.append(0x20) }
        leadingBreak.removeAll(keepingCapacity: true)
      } else {
        out.append(contentsOf: leadingBreak)
        leadingBreak.removeAll(keepingCapacity: true)
      }
      out.append(contentsOf: trailingBreaks)
      trailingBreaks.removeAll(keepingCapacity: true)
      leadingBlank = Scanner.isBlank(byte())
      while !isBreakZ(0) {
        copy(into: &out)
        copyRun(.line, into: &out)
      }
      readLine(into: &leadingBreak)
      try scanBlockBreaks(indent: &blockIndent, breaks: &trailingBreaks, end: &end)
    }
    if chomping != -1 { out.append(contentsOf: leadingBreak) }
    if chomping == 1 { out.append(contentsOf: trailingBreaks) }
    let style: YAMLScalarStyle = literal ? .literal : .folded
    return Token(kind: .scalar(Scanner.string(out), style), start: start, end: end)
  }

  /// Eats indentation and empty lines before a block scalar line; finds the indentation when it
  /// was not given.
  private mutating func scanBlockBreaks(
    indent blockIndent: inout Int, breaks: inout [UInt8], end: inout Mark
  ) throws(SyntaxError) {
    var maxIndent = 0
    end = mark
    while true {
      while (blockIndent == 0 || mark.column < blockIndent) && byte() == UInt8(ascii: " ") { skip() }
      if mark.column > maxIndent { maxIndent = mark.column }
      if (blockIndent == 0 || mark.column < blockIndent) && byte() == 9 {
        throw SyntaxError("found a tab character where an indentation space is expected", at: mark)
      }
      guard isBreak(0) else { break }
      readLine(into: &breaks)
      end = mark
    }
    if blockIndent == 0 {
      blockIndent = max(maxIndent, indent + 1, 1)
    }
  }
}
