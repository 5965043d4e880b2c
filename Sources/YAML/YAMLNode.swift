/// A position in a YAML source: 1-based line and column (column counted in Unicode scalars).
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
  /// 1-based line.
  public let line: Int
  /// 1-based column.
  public let column: Int

  /// A mark at `line`:`column`.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `LINE:COL`.
  public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; decides how its text resolves (a quoted `1` is a string, a plain one may be
/// a number, depending on what the reader asks for).
public enum YAMLScalarStyle: Sendable, Hashable {
  case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar: its value text after unescaping and folding, and its style.
public struct YAMLScalar: Sendable, Hashable {
  /// The scalar's value (escapes decoded, lines folded, block chomping applied).
  public let text: String
  /// How it was written.
  public let style: YAMLScalarStyle

  /// A scalar with `text` written in `style`.
  public init(text: String, style: YAMLScalarStyle) {
    self.text = text
    self.style = style
  }
}

/// One key and its value in a mapping, in source order.
public struct YAMLPair: Sendable {
  /// The key node (usually a scalar).
  public let key: YAMLNode
  /// The value node.
  public let value: YAMLNode

  /// A pair.
  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}

/// A node of a parsed YAML document, aliases already resolved and `<<` merge keys already applied.
public struct YAMLNode: Sendable {
  /// What the node holds.
  public enum Content: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    case mapping([YAMLPair])
  }

  /// What the node holds.
  public let content: Content
  /// Where the node starts in the source (for an alias: where the alias was written).
  public let mark: YAMLMark
  /// The explicit tag as written, e.g. `!!str`, or nil.
  public let tag: String?
  /// For a mapping with `<<` merge keys: its own keys that override a merged key. YAML lets them
  /// win; go-yaml v2's strict mode (promtool's test files) reports each as already set.
  public let mergeOverrides: [YAMLNode]

  /// A node.
  public init(content: Content, mark: YAMLMark, tag: String? = nil, mergeOverrides: [YAMLNode] = []) {
    self.content = content
    self.mark = mark
    self.tag = tag
    self.mergeOverrides = mergeOverrides
  }
}
