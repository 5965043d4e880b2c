import Basics

/// Builds node trees from events with an explicit stack of open collections: resolves aliases (with a
/// budget on expanded nodes), applies `<<` merge keys and rejects duplicate keys.
struct Composer {
  /// A collection being built.
  private struct Frame {
    var isMapping: Bool
    var mark: Mark
    var tag: String?
    var anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    /// First line of each scalar key, for the duplicate-key message.
    var keyLines: [String: Int] = [:]
    /// Nodes in this subtree so far, counting alias expansions in full.
    var size = 1
  }

  private let limits: YAMLLimits
  private var parser: EventParser
  private var frames: [Frame] = []
  private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
  private var openAnchors: Set<String> = []
  private var expanded = 0
  private var root: YAMLNode?

  init(bytes: [UInt8], limits: YAMLLimits) {
    self.limits = limits
    parser = EventParser(scanner: Scanner(bytes: bytes, maxDepth: limits.maxDepth))
  }

  /// Every document of the stream; with `single`, a second document is an error.
  mutating func documents(single: Bool) throws(SyntaxError) -> [YAMLNode] {
    var documents: [YAMLNode] = []
    while let event = try parser.next() {
      switch event.kind {
      case .streamStart, .streamEnd: break
      case .documentStart:
        if single && !documents.isEmpty {
          throw SyntaxError(
            "expected a single document in the stream, but found another document", at: event.mark)
        }
        anchors = [:]
        expanded = 0
        root = nil
      case .documentEnd:
        documents.append(
          root ?? YAMLNode(content: .scalar(YAMLScalar(text: "", style: .plain)), mark: event.mark.public1))
      case .scalar(let scalar, let anchor, let tag):
        try finish(
          YAMLNode(content: .scalar(scalar), mark: event.mark.public1, tag: tag), size: 1, anchor: anchor)
      case .alias(let name):
        try alias(name, at: event.mark)
      case .sequenceStart(let anchor, let tag):
        try open(Frame(isMapping: false, mark: event.mark, tag: tag, anchor: anchor))
      case .mappingStart(let anchor, let tag):
        try open(Frame(isMapping: true, mark: event.mark, tag: tag, anchor: anchor))
      case .sequenceEnd, .mappingEnd:
        guard let frame = frames.popLast() else { break }
        let content: YAMLNode.Content =
          frame.isMapping ? .mapping(try Composer.merged(frame.pairs)) : .sequence(frame.items)
        let overrides = frame.isMapping ? Composer.overrides(frame.pairs) : []
        try finish(
          YAMLNode(content: content, mark: frame.mark.public1, tag: frame.tag, mergeOverrides: overrides),
          size: frame.size, anchor: frame.anchor)
      }
    }
    return documents
  }

  private mutating func open(_ frame: Frame) throws(SyntaxError) {
    guard frames.count < limits.maxDepth else {
      throw SyntaxError("exceeded max depth of \(limits.maxDepth)", at: frame.mark)
    }
    if let anchor = frame.anchor { openAnchors.insert(anchor) }
    frames.append(frame)
  }

  private mutating func alias(_ name: String, at mark: Mark) throws(SyntaxError) {
    if openAnchors.contains(name) { throw SyntaxError("anchor '\(name)' value contains itself", at: mark) }
    guard let target = anchors[name] else {
      throw SyntaxError("unknown anchor '\(name)' referenced", at: mark)
    }
    let (total, overflow) = expanded.addingReportingOverflow(target.size)
    guard !overflow, total <= limits.maxAliasExpansions else {
      throw SyntaxError("document contains excessive aliasing", at: mark)
    }
    expanded = total
    let copy = YAMLNode(
      content: target.node.content, mark: mark.public1, tag: target.node.tag,
      mergeOverrides: target.node.mergeOverrides)
    try finish(copy, size: target.size, anchor: nil)
  }

  /// Hands a finished node to its parent (or makes it the document root).
  private mutating func finish(_ node: YAMLNode, size: Int, anchor: String?) throws(SyntaxError) {
    if let anchor {
      anchors[anchor] = (node, size)
      openAnchors.remove(anchor)
    }
    guard let top = frames.indices.last else {
      root = node
      return
    }
    frames[top].size = frames[top].size.addingReportingOverflow(size).partialValue
    guard frames[top].isMapping else {
      frames[top].items.append(node)
      return
    }
    guard let key = frames[top].pendingKey else {
      if case .scalar(let scalar) = node.content {
        if let line = frames[top].keyLines[scalar.text] {
          throw SyntaxError(
            "mapping key \(GoQuote.quote(scalar.text)) already defined at line \(line)",
            at: Mark(index: 0, line: node.mark.line - 1, column: node.mark.column - 1))
        }
        frames[top].keyLines[scalar.text] = node.mark.line
      }
      frames[top].pendingKey = node
      return
    }
    frames[top].pairs.append(YAMLPair(key: key, value: node))
    frames[top].pendingKey = nil
  }

  /// Applies `<<` merge keys: the merged mappings' pairs go where the `<<` was, except keys the mapping
  /// itself has (explicit keys win) and keys an earlier merged mapping already gave.
  private static func merged(_ pairs: [YAMLPair]) throws(SyntaxError) -> [YAMLPair] {
    guard pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
    var taken: Set<String> = []
    for pair in pairs where !isMergeKey(pair.key) {
      if let text = pair.key.scalar?.text { taken.insert(text) }
    }
    var result: [YAMLPair] = []
    for pair in pairs {
      guard isMergeKey(pair.key) else {
        result.append(pair)
        continue
      }
      let sources: [YAMLNode]
      switch pair.value.content {
      case .mapping: sources = [pair.value]
      case .sequence(let items) where items.allSatisfy({ $0.pairs != nil }): sources = items
      default:
        let mark = pair.value.mark
        throw SyntaxError(
          "map merge requires map or sequence of maps as the value",
          at: Mark(index: 0, line: mark.line - 1, column: mark.column - 1))
      }
      for source in sources {
        for merged in source.pairs ?? [] {
          if let text = merged.key.scalar?.text {
            guard taken.insert(text).inserted else { continue }
          }
          result.append(merged)
        }
      }
    }
    return result
  }

  /// The mapping's own keys that a `<<` merge also brings.
  private static func overrides(_ pairs: [YAMLPair]) -> [YAMLNode] {
    guard pairs.contains(where: { isMergeKey($0.key) }) else { return [] }
    var merged: Set<String> = []
    for pair in pairs where isMergeKey(pair.key) {
      let sources = pair.value.items ?? [pair.value]
      for source in sources {
        for key in source.pairs ?? [] { if let text = key.key.scalar?.text { merged.insert(text) } }
      }
    }
    return pairs.filter { !isMergeKey($0.key) && ($0.key.scalar.map { merged.contains($0.text) } ?? false) }
      .map(\.key)
  }

  private static func isMergeKey(_ key: YAMLNode) -> Bool {
    guard case .scalar(let scalar) = key.content, scalar.style == .plain, scalar.text == "<<" else {
      return false
    }
    return key.tag == nil || key.tag == "!" || key.tag.map(YAMLNode.shortTag) == "!!merge"
  }
}
