/// Turns tokens into events with an explicit state stack (no recursion, so nesting cannot overflow the
/// call stack), following libyaml's parser and its error messages.
struct EventParser {
  enum State {
    case streamStart, implicitDocumentStart, documentStart, documentContent, documentEnd
    case blockNode, blockNodeOrIndentlessSequence, flowNode
    case blockSequenceFirstEntry, blockSequenceEntry, indentlessSequenceEntry
    case blockMappingFirstKey, blockMappingKey, blockMappingValue
    case flowSequenceFirstEntry, flowSequenceEntry
    case flowSequenceEntryMappingKey, flowSequenceEntryMappingValue, flowSequenceEntryMappingEnd
    case flowMappingFirstKey, flowMappingKey, flowMappingValue, flowMappingEmptyValue
    case end
  }

  var scanner: Scanner
  var state = State.streamStart
  var states: [State] = []
  /// Start marks of the open collections.
  var marks: [Mark] = []

  init(scanner: Scanner) {
    self.scanner = scanner
  }

  /// The next event, or nil once the stream has ended.
  mutating func next() throws(SyntaxError) -> Event? {
    switch state {
    case .end: return nil
    case .streamStart:
      let token = try scanner.peek()
      scanner.skipToken()
      state = .implicitDocumentStart
      return Event(kind: .streamStart, mark: token.start)
    case .implicitDocumentStart: return try documentStart(implicit: true)
    case .documentStart: return try documentStart(implicit: false)
    case .documentContent:
      let token = try scanner.peek()
      switch token.kind {
      case .versionDirective, .tagDirective, .documentStart, .documentEnd, .streamEnd:
        state = popState()
        return emptyScalar(at: token.start)
      default: return try node(block: true, indentlessSequence: false)
      }
    case .documentEnd:
      let token = try scanner.peek()
      if token.kind == .documentEnd { scanner.skipToken() }
      state = .documentStart
      return Event(kind: .documentEnd, mark: token.start)
    case .blockNode: return try node(block: true, indentlessSequence: false)
    case .blockNodeOrIndentlessSequence: return try node(block: true, indentlessSequence: true)
    case .flowNode: return try node(block: false, indentlessSequence: false)
    case .blockSequenceFirstEntry: return try blockSequenceEntry(first: true)
    case .blockSequenceEntry: return try blockSequenceEntry(first: false)
    case .indentlessSequenceEntry: return try indentlessSequenceEntry()
    case .blockMappingFirstKey: return try blockMappingKey(first: true)
    case .blockMappingKey: return try blockMappingKey(first: false)
    case .blockMappingValue: return try blockMappingValue()
    case .flowSequenceFirstEntry: return try flowSequenceEntry(first: true)
    case .flowSequenceEntry: return try flowSequenceEntry(first: false)
    case .flowSequenceEntryMappingKey: return try flowSequenceEntryMappingKey()
    case .flowSequenceEntryMappingValue: return try flowSequenceEntryMappingValue()
    case .flowSequenceEntryMappingEnd:
      let token = try scanner.peek()
      state = .flowSequenceEntry
      return Event(kind: .mappingEnd, mark: token.start)
    case .flowMappingFirstKey: return try flowMappingKey(first: true)
    case .flowMappingKey: return try flowMappingKey(first: false)
    case .flowMappingValue: return try flowMappingValue(empty: false)
    case .flowMappingEmptyValue: return try flowMappingValue(empty: true)
    }
  }

  mutating func popState() -> State { states.popLast() ?? .end }

  mutating func flowNode() throws(SyntaxError) -> Event { try node(block: false, indentlessSequence: false) }

  func emptyScalar(at mark: Mark) -> Event {
    Event(kind: .scalar(YAMLScalar(text: "", style: .plain), anchor: nil, tag: nil), mark: mark)
  }

  private mutating func documentStart(implicit: Bool) throws(SyntaxError) -> Event {
    var token = try scanner.peek()
    if !implicit {
      while token.kind == .documentEnd {
        scanner.skipToken()
        token = try scanner.peek()
      }
    }
    switch token.kind {
    case .streamEnd:
      state = .end
      scanner.skipToken()
      return Event(kind: .streamEnd, mark: token.start)
    case .versionDirective, .tagDirective, .documentStart:
      break
    default:
      if implicit {
        states.append(.documentEnd)
        state = .blockNode
        return Event(kind: .documentStart, mark: token.start)
      }
    }
    try directives()
    token = try scanner.peek()
    guard token.kind == .documentStart else {
      throw SyntaxError("did not find expected <document start>", at: token.start)
    }
    states.append(.documentEnd)
    state = .documentContent
    scanner.skipToken()
    return Event(kind: .documentStart, mark: token.start)
  }

  /// Checks `%YAML` and `%TAG` lines; tags are kept as written, so handles are not expanded.
  private mutating func directives() throws(SyntaxError) {
    var sawVersion = false
    var handles: Set<String> = []
    while true {
      let token = try scanner.peek()
      switch token.kind {
      case .versionDirective(let major, _):
        guard !sawVersion else { throw SyntaxError("found duplicate %YAML directive", at: token.start) }
        guard major == 1 else { throw SyntaxError("found incompatible YAML document", at: token.start) }
        sawVersion = true
      case .tagDirective(let handle, _):
        guard handles.insert(handle).inserted else {
          throw SyntaxError("found duplicate %TAG directive", at: token.start)
        }
      default: return
      }
      scanner.skipToken()
    }
  }

  private mutating func node(block: Bool, indentlessSequence: Bool) throws(SyntaxError) -> Event {
    var token = try scanner.peek()
    if case .alias(let name) = token.kind {
      state = popState()
      scanner.skipToken()
      return Event(kind: .alias(name), mark: token.start)
    }
    var anchor: String?
    var tag: String?
    let start = token.start
    for _ in 0..<2 {
      if case .anchor(let name) = token.kind, anchor == nil {
        anchor = name
      } else if case .tag(let text) = token.kind, tag == nil {
        tag = text
      } else {
        break
      }
      scanner.skipToken()
      token = try scanner.peek()
    }
    switch token.kind {
    case .blockEntry where indentlessSequence:
      state = .indentlessSequenceEntry
      return Event(kind: .sequenceStart(anchor: anchor, tag: tag), mark: start)
    case .scalar(let text, let style):
      state = popState()
      scanner.skipToken()
      let scalar = YAMLScalar(text: text, style: style)
      return Event(kind: .scalar(scalar, anchor: anchor, tag: tag), mark: start)
    case .flowSequenceStart:
      state = .flowSequenceFirstEntry
      return Event(kind: .sequenceStart(anchor: anchor, tag: tag), mark: start)
    case .flowMappingStart:
      state = .flowMappingFirstKey
      return Event(kind: .mappingStart(anchor: anchor, tag: tag), mark: start)
    case .blockSequenceStart where block:
      state = .blockSequenceFirstEntry
      return Event(kind: .sequenceStart(anchor: anchor, tag: tag), mark: start)
    case .blockMappingStart where block:
      state = .blockMappingFirstKey
      return Event(kind: .mappingStart(anchor: anchor, tag: tag), mark: start)
    default:
      if anchor != nil || tag != nil {
        state = popState()
        let empty = YAMLScalar(text: "", style: .plain)
        return Event(kind: .scalar(empty, anchor: anchor, tag: tag), mark: start)
      }
      throw SyntaxError("did not find expected node content", at: token.start)
    }
  }

  private mutating func blockSequenceEntry(first: Bool) throws(SyntaxError) -> Event {
    if first {
      marks.append(try scanner.peek().start)
      scanner.skipToken()
    }
    let token = try scanner.peek()
    switch token.kind {
    case .blockEntry:
      scanner.skipToken()
      let next = try scanner.peek()
      if next.kind != .blockEntry && next.kind != .blockEnd {
        states.append(.blockSequenceEntry)
        return try node(block: true, indentlessSequence: false)
      }
      state = .blockSequenceEntry
      return emptyScalar(at: token.end)
    case .blockEnd:
      state = popState()
      _ = marks.popLast()
      scanner.skipToken()
      return Event(kind: .sequenceEnd, mark: token.start)
    default:
      throw SyntaxError("did not find expected '-' indicator", at: token.start)
    }
  }

  private mutating func indentlessSequenceEntry() throws(SyntaxError) -> Event {
    let token = try scanner.peek()
    guard token.kind == .blockEntry else {
      state = popState()
      return Event(kind: .sequenceEnd, mark: token.start)
    }
    scanner.skipToken()
    let next = try scanner.peek()
    switch next.kind {
    case .blockEntry, .key, .value, .blockEnd:
      state = .indentlessSequenceEntry
      return emptyScalar(at: token.end)
    default:
      states.append(.indentlessSequenceEntry)
      return try node(block: true, indentlessSequence: false)
    }
  }

  private mutating func blockMappingKey(first: Bool) throws(SyntaxError) -> Event {
    if first {
      marks.append(try scanner.peek().start)
      scanner.skipToken()
    }
    let token = try scanner.peek()
    switch token.kind {
    case .key:
      scanner.skipToken()
      let next = try scanner.peek()
      switch next.kind {
      case .key, .value, .blockEnd:
        state = .blockMappingValue
        return emptyScalar(at: token.end)
      default:
        states.append(.blockMappingValue)
        return try node(block: true, indentlessSequence: true)
      }
    case .blockEnd:
      state = popState()
      _ = marks.popLast()
      scanner.skipToken()
      return Event(kind: .mappingEnd, mark: token.start)
    default:
      throw SyntaxError("did not find expected key", at: token.start)
    }
  }

  private mutating func blockMappingValue() throws(SyntaxError) -> Event {
    let token = try scanner.peek()
    guard token.kind == .value else {
      state = .blockMappingKey
      return emptyScalar(at: token.start)
    }
    scanner.skipToken()
    let next = try scanner.peek()
    switch next.kind {
    case .key, .value, .blockEnd:
      state = .blockMappingKey
      return emptyScalar(at: token.end)
    default:
      states.append(.blockMappingKey)
      return try node(block: true, indentlessSequence: true)
    }
  }
}
