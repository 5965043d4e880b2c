/// What the scanner produces; the same token set libyaml uses.
enum TokenKind: Equatable {
  case streamStart, streamEnd
  case versionDirective(major: Int, minor: Int)
  case tagDirective(handle: String, prefix: String)
  case documentStart, documentEnd
  case blockSequenceStart, blockMappingStart, blockEnd
  case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
  case blockEntry, flowEntry, key, value
  case alias(String)
  case anchor(String)
  case tag(String)
  case scalar(String, YAMLScalarStyle)
}

/// A token and the source range it covers.
struct Token {
  var kind: TokenKind
  var start: Mark
  var end: Mark
}

/// A place where a mapping key without `?` may start, remembered until its `:` shows up.
struct SimpleKey {
  var possible = false
  var required = false
  var tokenNumber = 0
  var mark = Mark()
}
