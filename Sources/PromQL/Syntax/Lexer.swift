import Basics

/// Splits a PromQL query (as UTF-8 bytes) into tokens, with Prometheus's lexical rules and messages.
///
/// The lexer is modal like Prometheus's: inside `{...}` keywords are plain identifiers, and right
/// after `[` it reads duration arithmetic (`5m+1m`, `step()`). The first lexical error ends the
/// token stream with an `.error` token whose position is where the offending token began.
struct Lexer {
  let input: [UInt8]
  var pos = 0
  /// Start of the token being scanned.
  var start = 0
  var parenDepth = 0
  var braceOpen = false
  var bracketOpen = false
  var gotColon = false
  var gotDuration = false
  /// Set right after `[` until the first number or `]`: the duration-expression state.
  var inDurationExpression = false
  var finished = false

  init(_ input: [UInt8]) {
    self.input = input
  }

  /// All tokens up to and including `.eof` or the first `.error`; comments are dropped.
  static func tokenize(_ input: [UInt8]) -> [Token] {
    var lexer = Lexer(input)
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      if token.kind == .comment { continue }
      tokens.append(token)
      if token.kind == .eof || token.kind == .error { return tokens }
    }
  }

  mutating func next() -> Token {
    if finished { return Token(kind: .eof, start: input.count, end: input.count) }
    while true {
      start = pos
      let scanned: Token?
      if braceOpen {
        scanned = lexInsideBraces()
      } else if inDurationExpression {
        scanned = lexDurationExpression()
      } else {
        scanned = lexStatements()
      }
      if let token = scanned {
        if token.kind == .error || token.kind == .eof { finished = true }
        return token
      }
    }
  }

  // MARK: - Helpers

  var current: UInt8? { pos < input.count ? input[pos] : nil }
  func byte(at index: Int) -> UInt8? { index < input.count ? input[index] : nil }

  func token(_ kind: TokenKind) -> Token { Token(kind: kind, start: start, end: pos) }

  mutating func error(_ message: String) -> Token {
    Token(kind: .error, start: start, end: input.count, message: message)
  }

  /// Consumes the next byte if it is in `set`.
  mutating func accept(_ set: StaticString) -> Bool {
    guard let byte = current, Lexer.contains(set, byte) else { return false }
    pos += 1
    return true
  }

  func peekIs(_ set: StaticString) -> Bool {
    guard let byte = current else { return false }
    return Lexer.contains(set, byte)
  }

  static func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
    set.withUTF8Buffer { $0.contains(byte) }
  }

  mutating func skipSpaces() {
    while let byte = current, isSpace(byte) { pos += 1 }
  }

  /// Describes the character at `index` the way Go's `%q` prints a rune.
  func quotedRune(at index: Int) -> String {
    guard index < input.count else { return GoQuote.rune(0xFFFD) }
    return GoQuote.rune(UTF8Decoding.decode(input, at: index).scalar)
  }

  // MARK: - States

  mutating func lexStatements() -> Token? {
    if current == UInt8(ascii: "#") { return lexLineComment() }
    guard let byte = current else {
      if parenDepth != 0 { return error("unclosed left parenthesis") }
      if bracketOpen { return error("unclosed left bracket") }
      return token(.eof)
    }
    pos += 1
    if let kind = Lexer.arithmeticOrComma(byte) { return token(kind) }
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      skipSpaces()
      return nil
    case UInt8(ascii: "@"): return token(.at)
    case UInt8(ascii: "="):
      if current == UInt8(ascii: "=") {
        pos += 1
        return token(.eqlc)
      }
      if current == UInt8(ascii: "~") { return error("unexpected character after '=': '~'") }
      return token(.assign)
    case UInt8(ascii: "!"):
      if current != UInt8(ascii: "=") {
        let text = quotedRune(at: pos)
        return error("unexpected character after '!': \(text)")
      }
      pos += 1
      return token(.neq)
    case UInt8(ascii: "<"):
      if accept("=") { return token(.lte) }
      if accept("/") { return token(.trimUpper) }
      return token(.lss)
    case UInt8(ascii: ">"):
      if accept("=") { return token(.gte) }
      if accept("/") { return token(.trimLower) }
      return token(.gtr)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexString(quote: byte)
    case UInt8(ascii: "`"): return lexRawString()
    case UInt8(ascii: "("):
      parenDepth += 1
      return token(.leftParen)
    case UInt8(ascii: ")"):
      parenDepth -= 1
      if parenDepth < 0 {
        start = pos
        return error("unexpected right parenthesis ')'")
      }
      return token(.rightParen)
    case UInt8(ascii: "{"):
      braceOpen = true
      return token(.leftBrace)
    case UInt8(ascii: "["):
      if bracketOpen { return error("unexpected left bracket '['") }
      gotColon = false
      let bracket = token(.leftBracket)
      skipSpaces()
      bracketOpen = true
      inDurationExpression = true
      return bracket
    case UInt8(ascii: "]"):
      if !bracketOpen { return error("unexpected right bracket ']'") }
      bracketOpen = false
      return token(.rightBracket)
    default:
      if isDigit(byte) || (byte == UInt8(ascii: ".") && current.map(isDigit) == true) {
        pos -= 1
        return lexNumberOrDuration()
      }
      if isAlpha(byte) || byte == UInt8(ascii: ":") {
        if !bracketOpen {
          pos -= 1
          return lexKeywordOrIdentifier()
        }
        if byte == UInt8(ascii: ":") {
          if gotColon { return error("unexpected colon ':'") }
          gotColon = true
          return token(.colon)
        }
        if isDurationKeywordStart(byte), let keyword = scanDurationKeyword() { return keyword }
        return error("unexpected character: \(GoQuote.rune(UInt32(byte))), expected ':'")
      }
      return error("unexpected character: \(quotedRune(at: start))")
    }
  }

  mutating func lexInsideBraces() -> Token? {
    if current == UInt8(ascii: "#") { return lexLineComment() }
    guard let byte = current else { return error("unexpected end of input inside braces") }
    pos += 1
    switch byte {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      skipSpaces()
      return nil
    case UInt8(ascii: ","): return token(.comma)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexString(quote: byte)
    case UInt8(ascii: "`"): return lexRawString()
    case UInt8(ascii: "="):
      return accept("~") ? token(.eqlRegex) : token(.assign)
    case UInt8(ascii: "!"):
      if accept("~") { return token(.neqRegex) }
      if accept("=") { return token(.neq) }
      let text = quotedRune(at: pos)
      return error("unexpected character after '!' inside braces: \(text)")
    case UInt8(ascii: "{"): return error("unexpected left brace '{'")
    case UInt8(ascii: "}"):
      braceOpen = false
      return token(.rightBrace)
    default:
      if isAlpha(byte) {
        while let next = current, isAlphaNumeric(next) { pos += 1 }
        return token(.identifier)
      }
      return error("unexpected character inside braces: \(quotedRune(at: start))")
    }
  }

  mutating func lexDurationExpression() -> Token? {
    guard let byte = current else { return error("unexpected end of input in duration expression") }
    pos += 1
    if let kind = Lexer.arithmeticOrComma(byte) { return token(kind) }
    switch byte {
    case UInt8(ascii: "]"):
      bracketOpen = false
      gotColon = false
      inDurationExpression = false
      return token(.rightBracket)
    case UInt8(ascii: ":"):
      start = pos
      if !gotDuration { return error("unexpected colon before duration in duration expression") }
      if gotColon { return error("unexpected repeated colon in duration expression") }
      gotColon = true
      return Token(kind: .colon, start: pos - 1, end: pos)
    case UInt8(ascii: "("):
      parenDepth += 1
      return token(.leftParen)
    case UInt8(ascii: ")"):
      parenDepth -= 1
      if parenDepth < 0 {
        start = pos
        return error("unexpected right parenthesis ')'")
      }
      return token(.rightParen)
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      skipSpaces()
      return nil
    default:
      if isDurationKeywordStart(byte) {
        if let keyword = scanDurationKeyword() { return keyword }
        return error("unexpected character in duration expression: \(GoQuote.rune(UInt32(byte)))")
      }
      if isDigit(byte) || (byte == UInt8(ascii: ".") && current.map(isDigit) == true) {
        pos -= 1
        gotDuration = true
        inDurationExpression = false
        return lexNumberOrDuration()
      }
      return error("unexpected character in duration expression: \(quotedRune(at: start))")
    }
  }

  /// The one-byte tokens both statements and duration expressions know.
  static func arithmeticOrComma(_ byte: UInt8) -> TokenKind? {
    switch byte {
    case UInt8(ascii: "+"): return .add
    case UInt8(ascii: "-"): return .sub
    case UInt8(ascii: "*"): return .mul
    case UInt8(ascii: "/"): return .div
    case UInt8(ascii: "%"): return .mod
    case UInt8(ascii: "^"): return .pow
    case UInt8(ascii: ","): return .comma
    default: return nil
    }
  }

  mutating func lexLineComment() -> Token {
    pos += 1
    while let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { pos += 1 }
    return token(.comment)
  }

  mutating func lexKeywordOrIdentifier() -> Token {
    while let byte = current, isAlphaNumeric(byte) || byte == UInt8(ascii: ":") { pos += 1 }
    let word = String(decoding: input[start..<pos], as: UTF8.self)
    if let kind = TokenKind.keywords[word.lowercased()] {
      if kind == .fill || kind == .fillLeft || kind == .fillRight, !followedByLeftParen() {
        return token(.identifier)
      }
      return token(kind)
    }
    return token(word.utf8.contains(UInt8(ascii: ":")) ? .metricIdentifier : .identifier)
  }

  func followedByLeftParen() -> Bool {
    var index = pos
    while let byte = byte(at: index), isSpace(byte) { index += 1 }
    return byte(at: index) == UInt8(ascii: "(")
  }

  func isDurationKeywordStart(_ byte: UInt8) -> Bool {
    switch byte | 0x20 {
    case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "m"): return true
    default: return false
    }
  }

  /// Reads `step`, `range`, `max_of` or `min_of` (any case); nil (with the word consumed) otherwise.
  mutating func scanDurationKeyword() -> Token? {
    while let byte = current, isAlpha(byte) { pos += 1 }
    let word = String(decoding: input[start..<pos], as: UTF8.self).lowercased()
    switch word {
    case "step": return token(.step)
    case "range": return token(.range)
    case "max_of": return token(.maxOf)
    case "min_of": return token(.minOf)
    default: return nil
    }
  }
}

func isSpace(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
    || byte == UInt8(ascii: "\r")
}

func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

func isAlpha(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
}

func isAlphaNumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }
