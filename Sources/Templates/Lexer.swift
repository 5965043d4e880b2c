/// Splits template text into tokens the way Go's `text/template/parse` lexer does, including the
/// `{{- ` / ` -}}` trim markers and `{{/* */}}` comments (which produce no token).
struct Lexer {
  let input: [UInt8]
  var pos = 0
  var start = 0
  var line = 1
  var startLine = 1
  var parenDepth = 0
  private(set) var tokens: [Token] = []

  static let keywords: [String: Token.Kind] = [
    ".": .dot, "block": .block, "break": .breakKeyword, "continue": .continueKeyword, "define": .define,
    "else": .elseKeyword, "end": .end, "if": .ifKeyword, "range": .range, "nil": .nilKeyword,
    "template": .template, "with": .with,
  ]

  init(text: String) {
    input = Array(text.utf8)
  }

  /// Lexes the whole input; the last token is `eof` or `error`.
  static func tokenize(_ text: String) -> [Token] {
    var lexer = Lexer(text: text)
    lexer.run()
    return lexer.tokens
  }

  mutating func run() {
    var inside = false
    while true {
      if inside {
        guard let next = lexInsideAction() else { return }
        inside = next
      } else {
        guard lexText() else { return }
        inside = true
      }
    }
  }

  // MARK: Helpers

  func hasPrefix(_ prefix: String, at offset: Int) -> Bool {
    let bytes = Array(prefix.utf8)
    guard offset >= 0, offset + bytes.count <= input.count else { return false }
    for (index, byte) in bytes.enumerated() where input[offset + index] != byte { return false }
    return true
  }

  func isSpaceByte(_ offset: Int) -> Bool {
    guard offset < input.count else { return false }
    return isSpace(Unicode.Scalar(input[offset]))
  }

  func hasLeftTrimMarker(at offset: Int) -> Bool {
    offset + 1 < input.count && input[offset] == UInt8(ascii: "-") && isSpaceByte(offset + 1)
  }

  func hasRightTrimMarker(at offset: Int) -> Bool {
    offset + 1 < input.count && isSpaceByte(offset) && input[offset + 1] == UInt8(ascii: "-")
  }

  /// Whether a right delimiter (possibly with a trim marker before it) starts at `pos`.
  func atRightDelim() -> (delim: Bool, trim: Bool) {
    if hasPrefix("}}", at: pos) { return (true, false) }
    if hasRightTrimMarker(at: pos) && hasPrefix("}}", at: pos + 2) { return (true, true) }
    return (false, false)
  }

  func rune(at offset: Int) -> (scalar: Unicode.Scalar?, width: Int) {
    guard offset < input.count else { return (nil, 0) }
    return decodeUTF8(input, at: offset)
  }

  mutating func next() -> Unicode.Scalar? {
    let (scalar, width) = rune(at: pos)
    pos += width
    if scalar == "\n" { line += 1 }
    return scalar
  }

  func peek() -> Unicode.Scalar? { rune(at: pos).scalar }

  mutating func backup(_ scalar: Unicode.Scalar?) {
    guard let scalar else { return }
    pos -= String(scalar).utf8.count
    if scalar == "\n" { line -= 1 }
  }

  func slice(_ from: Int, _ to: Int) -> String {
    String(decoding: input[from..<to], as: UTF8.self)
  }

  mutating func emit(_ kind: Token.Kind) {
    let text = slice(start, pos)
    tokens.append(Token(kind: kind, pos: start, text: text, line: startLine))
    start = pos
    startLine = line
  }

  mutating func ignore() {
    // Count the newlines skipped over so later tokens keep the right line.
    line = startLine + input[start..<pos].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    start = pos
    startLine = line
  }

  mutating func fail(_ message: String) {
    tokens.append(Token(kind: .error, pos: start, text: message, line: startLine))
  }

  // MARK: States

  /// Scans text up to the next `{{`; returns false at the end of input.
  mutating func lexText() -> Bool {
    var found: Int?
    var offset = pos
    while offset + 1 < input.count {
      if input[offset] == UInt8(ascii: "{") && input[offset + 1] == UInt8(ascii: "{") {
        found = offset
        break
      }
      offset += 1
    }
    guard let delim = found else {
      pos = input.count
      line = startLine + input[start..<pos].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
      if pos > start { emitText(upTo: pos) }
      tokens.append(Token(kind: .eof, pos: pos, text: "", line: line))
      return false
    }
    var textEnd = delim
    if hasLeftTrimMarker(at: delim + 2) {
      while textEnd > start && isSpaceByte(textEnd - 1) { textEnd -= 1 }
    }
    if textEnd > start { emitText(upTo: textEnd) }
    pos = delim
    ignore()
    return lexLeftDelim()
  }

  mutating func emitText(upTo end: Int) {
    pos = end
    tokens.append(Token(kind: .text, pos: start, text: slice(start, end), line: startLine))
    ignore()
  }

  /// Scans `{{`, maybe a trim marker, and a comment if one follows; false when lexing stopped.
  mutating func lexLeftDelim() -> Bool {
    pos += 2
    let trim = hasLeftTrimMarker(at: pos)
    let afterMarker = trim ? 2 : 0
    if hasPrefix("/*", at: pos + afterMarker) {
      pos += afterMarker
      ignore()
      return lexComment()
    }
    emit(.leftDelim)
    pos += afterMarker
    ignore()
    parenDepth = 0
    return true
  }

  /// Skips a comment; after it the lexer is back in text, so this returns to `lexText` itself.
  mutating func lexComment() -> Bool {
    pos += 2
    var offset = pos
    var close: Int?
    while offset + 1 < input.count {
      if input[offset] == UInt8(ascii: "*") && input[offset + 1] == UInt8(ascii: "/") {
        close = offset
        break
      }
      offset += 1
    }
    guard let close else {
      fail("unclosed comment")
      return false
    }
    pos = close + 2
    let (delim, trim) = atRightDelim()
    guard delim else {
      fail("comment ends before closing delimiter")
      return false
    }
    pos += trim ? 4 : 2
    if trim { while isSpaceByte(pos) { pos += 1 } }
    ignore()
    return lexText()
  }

  mutating func lexRightDelim() {
    let (_, trim) = atRightDelim()
    if trim {
      pos += 2
      ignore()
    }
    pos += 2
    emit(.rightDelim)
    if trim {
      while isSpaceByte(pos) { pos += 1 }
      ignore()
    }
  }

  /// Scans one item inside an action. Returns true to stay inside, false to go back to text, nil
  /// when lexing stopped (error or end).
  mutating func lexInsideAction() -> Bool? {
    let (delim, _) = atRightDelim()
    if delim {
      if parenDepth == 0 {
        lexRightDelim()
        return false
      }
      fail("unclosed left paren")
      return nil
    }
    guard let scalar = next() else {
      fail("unclosed action")
      return nil
    }
    switch scalar {
    case _ where isSpace(scalar):
      backup(scalar)
      lexSpace()
    case "=":
      emit(.assign)
    case ":":
      guard next() == "=" else {
        fail("expected :=")
        return nil
      }
      emit(.declare)
    case "|":
      emit(.pipe)
    case "\"":
      return lexQuote() ? true : nil
    case "`":
      return lexRawQuote() ? true : nil
    case "$":
      return lexVariable() ? true : nil
    case "'":
      return lexChar() ? true : nil
    case ".":
      if pos < input.count, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(input[pos]) {
        return lexFieldOrVariable(.field) ? true : nil
      }
      backup(scalar)
      return lexNumber() ? true : nil
    case "+", "-", "0"..."9":
      backup(scalar)
      return lexNumber() ? true : nil
    case _ where isAlphaNumeric(scalar):
      backup(scalar)
      return lexIdentifier() ? true : nil
    case "(":
      emit(.leftParen)
      parenDepth += 1
    case ")":
      parenDepth -= 1
      if parenDepth < 0 {
        fail("unexpected right paren")
        return nil
      }
      emit(.rightParen)
    default:
      if scalar.value < 0x80 && scalar.value >= 0x20 && scalar.value != 0x7F {
        emit(.char)
      } else {
        fail("unrecognized character in action: \(goRuneDescription(scalar))")
        return nil
      }
    }
    return true
  }

  mutating func lexSpace() {
    var count = 0
    while let scalar = peek(), isSpace(scalar) {
      _ = next()
      count += 1
    }
    // A space followed by "-}}" belongs to the trim marker, not to the run of spaces.
    if hasRightTrimMarker(at: pos - 1) && hasPrefix("}}", at: pos + 1) {
      backup(Unicode.Scalar(input[pos - 1]))
      if count == 1 { return }
    }
    emit(.space)
  }

  mutating func lexIdentifier() -> Bool {
    while let scalar = peek(), isAlphaNumeric(scalar) { _ = next() }
    guard atTerminator() else {
      fail("bad character \(goRuneDescription(peek()))")
      return false
    }
    let word = slice(start, pos)
    if let keyword = Lexer.keywords[word], keyword != .dot {
      emit(keyword)
    } else if word == "true" || word == "false" {
      emit(.bool)
    } else {
      emit(.identifier)
    }
    return true
  }

  mutating func lexVariable() -> Bool {
    if atTerminator() {
      emit(.variable)
      return true
    }
    return lexFieldOrVariable(.variable)
  }

  mutating func lexFieldOrVariable(_ kind: Token.Kind) -> Bool {
    if atTerminator() {
      emit(kind == .variable ? .variable : .dot)
      return true
    }
    while let scalar = peek(), isAlphaNumeric(scalar) { _ = next() }
    guard atTerminator() else {
      fail("bad character \(goRuneDescription(peek()))")
      return false
    }
    emit(kind)
    return true
  }

  /// Whether the next rune may end an identifier (so `.X.Y` splits and `$x+2` is rejected).
  func atTerminator() -> Bool {
    guard let scalar = peek() else { return true }
    if isSpace(scalar) { return true }
    switch scalar {
    case ".", ",", "|", ":", ")", "(", "}": return true
    default: return false
    }
  }
}
