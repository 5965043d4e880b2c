/// Turns UTF-8 bytes into YAML tokens. It follows libyaml's scanner (an indentation stack, "simple keys"
/// remembered until their `:` appears, flow levels) so that it accepts and rejects what go-yaml does.
struct Scanner {
  let bytes: [UInt8]
  let maxDepth: Int
  var mark = Mark()
  /// Tokens scanned but not yet consumed start at `head`.
  var queue: [Token] = []
  var head = 0
  var tokensParsed = 0
  var streamStartProduced = false
  var streamEndProduced = false
  var indent = -1
  var indents: [Int] = []
  var simpleKeyAllowed = false
  /// One slot per flow level, plus one for the block context.
  var simpleKeys: [SimpleKey] = []
  var flowLevel = 0

  init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  // MARK: Consuming tokens

  /// The next token, scanning more input when a pending simple key could still change it.
  mutating func peek() throws(SyntaxError) -> Token {
    try fetchMoreTokens()
    if head < queue.count { return queue[head] }
    return Token(kind: .streamEnd, start: mark, end: mark)
  }

  /// Drops the token `peek` returned.
  mutating func skipToken() {
    guard head < queue.count else { return }
    if queue[head].kind == .streamEnd { streamEndProduced = true }
    head += 1
    tokensParsed += 1
    if head > 256 && head * 2 > queue.count {
      queue.removeFirst(head)
      head = 0
    }
  }

  private mutating func fetchMoreTokens() throws(SyntaxError) {
    while true {
      var need = head == queue.count
      if !need {
        try staleSimpleKeys()
        for key in simpleKeys where key.possible && key.tokenNumber == tokensParsed {
          need = true
          break
        }
      }
      if !need || streamEndProduced { return }
      if head < queue.count, case .streamEnd = queue.last?.kind { return }
      try fetchNextToken()
    }
  }

  private mutating func fetchNextToken() throws(SyntaxError) {
    if !streamStartProduced {
      indent = -1
      simpleKeys.append(SimpleKey())
      simpleKeyAllowed = true
      streamStartProduced = true
      queue.append(Token(kind: .streamStart, start: mark, end: mark))
      return
    }
    try scanToNextToken()
    try staleSimpleKeys()
    unrollIndent(mark.column)
    if mark.index >= bytes.count { return try fetchStreamEnd() }
    let c = byte()
    if mark.column == 0 {
      if c == UInt8(ascii: "%") { return try fetchDirective() }
      if isDocumentIndicator(UInt8(ascii: "-")) { return try fetchDocumentIndicator(.documentStart) }
      if isDocumentIndicator(UInt8(ascii: ".")) { return try fetchDocumentIndicator(.documentEnd) }
    }
    switch c {
    case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
    case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
    case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
    case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
    case UInt8(ascii: ","): return try fetchFlowEntry()
    case UInt8(ascii: "-") where isBlankZ(1): return try fetchBlockEntry()
    case UInt8(ascii: "?") where flowLevel > 0 || isBlankZ(1): return try fetchKey()
    case UInt8(ascii: ":") where flowLevel > 0 || isBlankZ(1): return try fetchValue()
    case UInt8(ascii: "*"): return try fetchAnchor(alias: true)
    case UInt8(ascii: "&"): return try fetchAnchor(alias: false)
    case UInt8(ascii: "!"): return try fetchTag()
    case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar(literal: true)
    case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar(literal: false)
    case UInt8(ascii: "'"): return try fetchFlowScalar(single: true)
    case UInt8(ascii: "\""): return try fetchFlowScalar(single: false)
    default: break
    }
    let next = byte(1)
    let startsPlain =
      !(isBlankZ(0) || Scanner.isIndicator(c))
      || (c == UInt8(ascii: "-") && !Scanner.isBlank(next))
      || (flowLevel == 0 && (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && !isBlankZ(1))
    if startsPlain { return try fetchPlainScalar() }
    throw SyntaxError("found character that cannot start any token", at: mark)
  }

  private static func isIndicator(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
      UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
      UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      return true
    default: return false
    }
  }

  /// `---` or `...` at the start of a line, followed by a blank, a break or the end.
  func isDocumentIndicator(_ c: UInt8) -> Bool {
    mark.column == 0 && byte(0) == c && byte(1) == c && byte(2) == c && isBlankZ(3)
  }

  private mutating func scanToNextToken() throws(SyntaxError) {
    while true {
      // Tabs may separate tokens in flow context and after a token that rules out a simple key, but
      // not indent a line in block context.
      while byte() == UInt8(ascii: " ") || ((flowLevel > 0 || !simpleKeyAllowed) && byte() == 9) {
        skip()
      }
      if byte() == UInt8(ascii: "#") {
        while !isBreakZ(0) {
          skip()
          skipRun(.line)
        }
      }
      guard isBreak(0) else { return }
      skipLine()
      if flowLevel == 0 { simpleKeyAllowed = true }
    }
  }

  // MARK: Simple keys and indentation

  private mutating func staleSimpleKeys() throws(SyntaxError) {
    for i in simpleKeys.indices where simpleKeys[i].possible {
      let key = simpleKeys[i]
      // A simple key fits on one line and within 1024 bytes.
      if key.mark.line < mark.line || key.mark.index + 1024 < mark.index {
        if key.required { throw SyntaxError("could not find expected ':'", at: key.mark) }
        simpleKeys[i].possible = false
      }
    }
  }

  mutating func saveSimpleKey() throws(SyntaxError) {
    guard simpleKeyAllowed else { return }
    let key = SimpleKey(
      possible: true, required: flowLevel == 0 && indent == mark.column,
      tokenNumber: tokensParsed + queue.count - head, mark: mark)
    try removeSimpleKey()
    simpleKeys[simpleKeys.count - 1] = key
  }

  mutating func removeSimpleKey() throws(SyntaxError) {
    guard let last = simpleKeys.indices.last else { return }
    if simpleKeys[last].possible && simpleKeys[last].required {
      throw SyntaxError("could not find expected ':'", at: simpleKeys[last].mark)
    }
    simpleKeys[last].possible = false
  }

  private mutating func rollIndent(
    _ column: Int, number: Int?, kind: TokenKind, at start: Mark
  ) throws(SyntaxError) {
    guard flowLevel == 0, indent < column else { return }
    indents.append(indent)
    if indents.count > maxDepth { throw SyntaxError("exceeded max depth of \(maxDepth)", at: start) }
    indent = column
    let token = Token(kind: kind, start: start, end: start)
    if let number {
      queue.insert(token, at: head + number - tokensParsed)
    } else {
      queue.append(token)
    }
  }

  private mutating func unrollIndent(_ column: Int) {
    guard flowLevel == 0 else { return }
    while indent > column {
      queue.append(Token(kind: .blockEnd, start: mark, end: mark))
      indent = indents.popLast() ?? -1
    }
  }

  // MARK: Fetching tokens

  private mutating func appendToken(_ kind: TokenKind, from start: Mark) {
    queue.append(Token(kind: kind, start: start, end: mark))
  }

  private mutating func fetchStreamEnd() throws(SyntaxError) {
    if mark.column != 0 {
      mark.column = 0
      mark.line += 1
    }
    unrollIndent(-1)
    try removeSimpleKey()
    simpleKeyAllowed = false
    appendToken(.streamEnd, from: mark)
  }

  private mutating func fetchDirective() throws(SyntaxError) {
    unrollIndent(-1)
    try removeSimpleKey()
    simpleKeyAllowed = false
    queue.append(try scanDirective())
  }

  private mutating func fetchDocumentIndicator(_ kind: TokenKind) throws(SyntaxError) {
    unrollIndent(-1)
    try removeSimpleKey()
    simpleKeyAllowed = false
    let start = mark
    skip()
    skip()
    skip()
    appendToken(kind, from: start)
  }

  private mutating func fetchFlowCollectionStart(_ kind: TokenKind) throws(SyntaxError) {
    try saveSimpleKey()
    simpleKeys.append(SimpleKey())
    flowLevel += 1
    if flowLevel > maxDepth { throw SyntaxError("exceeded max depth of \(maxDepth)", at: mark) }
    simpleKeyAllowed = true
    let start = mark
    skip()
    appendToken(kind, from: start)
  }

  private mutating func fetchFlowCollectionEnd(_ kind: TokenKind) throws(SyntaxError) {
    try removeSimpleKey()
    if flowLevel > 0 {
      flowLevel -= 1
      simpleKeys.removeLast()
    }
    simpleKeyAllowed = false
    let start = mark
    skip()
    appendToken(kind, from: start)
  }

  private mutating func fetchFlowEntry() throws(SyntaxError) {
    try removeSimpleKey()
    simpleKeyAllowed = true
    let start = mark
    skip()
    appendToken(.flowEntry, from: start)
  }

  private mutating func fetchBlockEntry() throws(SyntaxError) {
    if flowLevel == 0 {
      guard simpleKeyAllowed else {
        throw SyntaxError("block sequence entries are not allowed in this context", at: mark)
      }
      try rollIndent(mark.column, number: nil, kind: .blockSequenceStart, at: mark)
    }
    try removeSimpleKey()
    simpleKeyAllowed = true
    let start = mark
    skip()
    appendToken(.blockEntry, from: start)
  }

  private mutating func fetchKey() throws(SyntaxError) {
    if flowLevel == 0 {
      guard simpleKeyAllowed else {
        throw SyntaxError("mapping keys are not allowed in this context", at: mark)
      }
      try rollIndent(mark.column, number: nil, kind: .blockMappingStart, at: mark)
    }
    try removeSimpleKey()
    simpleKeyAllowed = flowLevel == 0
    let start = mark
    skip()
    appendToken(.key, from: start)
  }

  private mutating func fetchValue() throws(SyntaxError) {
    let last = simpleKeys.count - 1
    let key = simpleKeys[last]
    if key.possible {
      // The scalar (or collection) already queued turns out to be a key: put KEY in front of it.
      queue.insert(
        Token(kind: .key, start: key.mark, end: key.mark), at: head + key.tokenNumber - tokensParsed)
      try rollIndent(key.mark.column, number: key.tokenNumber, kind: .blockMappingStart, at: key.mark)
      simpleKeys[last].possible = false
      simpleKeyAllowed = false
    } else {
      if flowLevel == 0 {
        guard simpleKeyAllowed else {
          throw SyntaxError("mapping values are not allowed in this context", at: mark)
        }
        try rollIndent(mark.column, number: nil, kind: .blockMappingStart, at: mark)
      }
      simpleKeyAllowed = flowLevel == 0
    }
    let start = mark
    skip()
    appendToken(.value, from: start)
  }

  private mutating func fetchAnchor(alias: Bool) throws(SyntaxError) {
    try saveSimpleKey()
    simpleKeyAllowed = false
    queue.append(try scanAnchor(alias: alias))
  }

  private mutating func fetchTag() throws(SyntaxError) {
    try saveSimpleKey()
    simpleKeyAllowed = false
    queue.append(try scanTag())
  }

  private mutating func fetchBlockScalar(literal: Bool) throws(SyntaxError) {
    try removeSimpleKey()
    simpleKeyAllowed = true
    queue.append(try scanBlockScalar(literal: literal))
  }

  private mutating func fetchFlowScalar(single: Bool) throws(SyntaxError) {
    try saveSimpleKey()
    simpleKeyAllowed = false
    queue.append(try scanQuotedScalar(single: single))
  }

  private mutating func fetchPlainScalar() throws(SyntaxError) {
    try saveSimpleKey()
    simpleKeyAllowed = false
    queue.append(try scanPlainScalar())
  }
}
