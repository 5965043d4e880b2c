/// Anchors, aliases, tags and directives.
extension Scanner {
  private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Bytes that may directly follow an anchor or alias name.
  private func endsName() -> Bool {
    if isBlankZ(0) { return true }
    switch byte() {
    case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"),
      UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return true
    default: return false
    }
  }

  mutating func scanAnchor(alias: Bool) throws(SyntaxError) -> Token {
    let start = mark
    skip()
    var name: [UInt8] = []
    while Scanner.isAlpha(byte()) { copy(into: &name) }
    guard !name.isEmpty, endsName() else {
      throw SyntaxError("did not find expected alphabetic or numeric character", at: mark)
    }
    let text = Scanner.string(name)
    return Token(kind: alias ? .alias(text) : .anchor(text), start: start, end: mark)
  }

  /// A tag, kept as written (`!!str`, `!local`, `!<tag:yaml.org,2002:str>`).
  mutating func scanTag() throws(SyntaxError) -> Token {
    let start = mark
    var text: [UInt8] = []
    if byte(1) == UInt8(ascii: "<") {
      copy(into: &text)
      copy(into: &text)
      while byte() != UInt8(ascii: ">") && !isBlankZ(0) { copy(into: &text) }
      guard byte() == UInt8(ascii: ">") else { throw SyntaxError("did not find the expected '>'", at: mark) }
      copy(into: &text)
    } else {
      copy(into: &text)
      while !isBlankZ(0) && !(flowLevel > 0 && isFlowIndicator(byte())) { copy(into: &text) }
    }
    guard isBlankZ(0) || (flowLevel > 0 && isFlowIndicator(byte())) else {
      throw SyntaxError("did not find expected whitespace or line break", at: mark)
    }
    return Token(kind: .tag(Scanner.string(text)), start: start, end: mark)
  }

  private func isFlowIndicator(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
      || c == UInt8(ascii: "}")
  }

  mutating func scanDirective() throws(SyntaxError) -> Token {
    let start = mark
    skip()
    var name: [UInt8] = []
    while Scanner.isAlpha(byte()) { copy(into: &name) }
    guard !name.isEmpty else { throw SyntaxError("could not find expected directive name", at: mark) }
    guard isBlankZ(0) else { throw SyntaxError("found unexpected non-alphabetical character", at: mark) }
    let kind: TokenKind
    switch Scanner.string(name) {
    case "YAML":
      while Scanner.isBlank(byte()) { skip() }
      let major = try scanVersionNumber()
      guard byte() == UInt8(ascii: ".") else {
        throw SyntaxError("did not find expected digit or '.' character", at: mark)
      }
      skip()
      kind = .versionDirective(major: major, minor: try scanVersionNumber())
    case "TAG":
      while Scanner.isBlank(byte()) { skip() }
      var handle: [UInt8] = []
      guard byte() == UInt8(ascii: "!") else { throw SyntaxError("did not find expected '!'", at: mark) }
      copy(into: &handle)
      while Scanner.isAlpha(byte()) { copy(into: &handle) }
      if byte() == UInt8(ascii: "!") { copy(into: &handle) }
      guard Scanner.isBlank(byte()) else { throw SyntaxError("did not find expected whitespace", at: mark) }
      while Scanner.isBlank(byte()) { skip() }
      var prefix: [UInt8] = []
      while !isBlankZ(0) { copy(into: &prefix) }
      guard !prefix.isEmpty else { throw SyntaxError("did not find expected tag URI", at: mark) }
      kind = .tagDirective(handle: Scanner.string(handle), prefix: Scanner.string(prefix))
    default:
      throw SyntaxError("found unknown directive name", at: start)
    }
    while Scanner.isBlank(byte()) { skip() }
    if byte() == UInt8(ascii: "#") {
      while !isBreakZ(0) { skip() }
    }
    guard isBreakZ(0) else { throw SyntaxError("did not find expected comment or line break", at: mark) }
    let end = mark
    skipLine()
    return Token(kind: kind, start: start, end: end)
  }

  private mutating func scanVersionNumber() throws(SyntaxError) -> Int {
    var value = 0
    var digits = 0
    while byte() >= UInt8(ascii: "0") && byte() <= UInt8(ascii: "9") {
      digits += 1
      guard digits <= 9 else { throw SyntaxError("found extremely long version number", at: mark) }
      value = value * 10 + Int(byte() - UInt8(ascii: "0"))
      skip()
    }
    guard digits > 0 else { throw SyntaxError("did not find expected version number", at: mark) }
    return value
  }
}
