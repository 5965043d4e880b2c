/// Flow collections: `[a, b]`, `{a: b}`, and single-pair mappings inside flow sequences (`[a: b]`).
extension EventParser {
  mutating func flowSequenceEntry(first: Bool) throws(SyntaxError) -> Event {
    if first {
      marks.append(try scanner.peek().start)
      scanner.skipToken()
    }
    var token = try scanner.peek()
    if token.kind != .flowSequenceEnd {
      if !first {
        guard token.kind == .flowEntry else {
          throw SyntaxError("did not find expected ',' or ']'", at: token.start)
        }
        scanner.skipToken()
        token = try scanner.peek()
      }
      if token.kind == .key {
        state = .flowSequenceEntryMappingKey
        scanner.skipToken()
        return Event(kind: .mappingStart(anchor: nil, tag: nil), mark: token.start)
      }
      if token.kind != .flowSequenceEnd {
        states.append(.flowSequenceEntry)
        return try flowNode()
      }
    }
    state = popState()
    _ = marks.popLast()
    scanner.skipToken()
    return Event(kind: .sequenceEnd, mark: token.start)
  }

  mutating func flowSequenceEntryMappingKey() throws(SyntaxError) -> Event {
    let token = try scanner.peek()
    switch token.kind {
    case .value, .flowEntry, .flowSequenceEnd:
      state = .flowSequenceEntryMappingValue
      return emptyScalar(at: token.start)
    default:
      states.append(.flowSequenceEntryMappingValue)
      return try flowNode()
    }
  }

  mutating func flowSequenceEntryMappingValue() throws(SyntaxError) -> Event {
    var token = try scanner.peek()
    if token.kind == .value {
      scanner.skipToken()
      token = try scanner.peek()
      if token.kind != .flowEntry && token.kind != .flowSequenceEnd {
        states.append(.flowSequenceEntryMappingEnd)
        return try flowNode()
      }
    }
    state = .flowSequenceEntryMappingEnd
    return emptyScalar(at: token.start)
  }

  mutating func flowMappingKey(first: Bool) throws(SyntaxError) -> Event {
    if first {
      marks.append(try scanner.peek().start)
      scanner.skipToken()
    }
    var token = try scanner.peek()
    if token.kind != .flowMappingEnd {
      if !first {
        guard token.kind == .flowEntry else {
          throw SyntaxError("did not find expected ',' or '}'", at: token.start)
        }
        scanner.skipToken()
        token = try scanner.peek()
      }
      if token.kind == .key {
        scanner.skipToken()
        token = try scanner.peek()
        switch token.kind {
        case .value, .flowEntry, .flowMappingEnd:
          state = .flowMappingValue
          return emptyScalar(at: token.start)
        default:
          states.append(.flowMappingValue)
          return try flowNode()
        }
      }
      if token.kind != .flowMappingEnd {
        states.append(.flowMappingEmptyValue)
        return try flowNode()
      }
    }
    state = popState()
    _ = marks.popLast()
    scanner.skipToken()
    return Event(kind: .mappingEnd, mark: token.start)
  }

  mutating func flowMappingValue(empty: Bool) throws(SyntaxError) -> Event {
    var token = try scanner.peek()
    if empty {
      state = .flowMappingKey
      return emptyScalar(at: token.start)
    }
    if token.kind == .value {
      scanner.skipToken()
      token = try scanner.peek()
      if token.kind != .flowEntry && token.kind != .flowMappingEnd {
        states.append(.flowMappingKey)
        return try flowNode()
      }
    }
    state = .flowMappingKey
    return emptyScalar(at: token.start)
  }
}
