/// Typed access to nodes. Scalars keep their source text; these resolve it only when asked, the way
/// go-yaml v3 resolves a plain scalar (a quoted or block scalar is always a string).
extension YAMLNode {
  /// The scalar, when the node is one.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = content { return scalar }
    return nil
  }

  /// The items, when the node is a sequence.
  public var items: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The pairs in source order (merges applied), when the node is a mapping.
  public var pairs: [YAMLPair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// The value of the pair whose key is a scalar with text `key`, when the node is a mapping.
  public subscript(key: String) -> YAMLNode? {
    pairs?.first { $0.key.scalar?.text == key }?.value
  }

  /// True for a plain `~`, `null`, `Null`, `NULL` or empty scalar (or such text tagged `!!null`).
  public var isNull: Bool { resolved == .null }

  /// go-yaml's name for the node's kind as its errors print it: `!!map`, `!!seq`, `!!str`, `!!int`,
  /// `!!float`, `!!bool`, `!!null` (also `!!timestamp`, `!!merge`, or a custom tag as written).
  public var kindName: String {
    if let tag, tag != "!" { return YAMLNode.shortTag(tag) }
    switch content {
    case .mapping: return "!!map"
    case .sequence: return "!!seq"
    case .scalar: return resolved?.tagName ?? "!!str"
    }
  }

  /// The boolean a plain `true`/`True`/`TRUE`/`false`/`False`/`FALSE` stands for.
  public func asBool() -> Bool? {
    if case .bool(let value) = resolved { return value }
    return nil
  }

  /// The integer a plain scalar stands for (`12`, `-3`, `0x1F`, `0o17`, `017`, `0b101`, `1_000`), or
  /// a float with an integral value such as `1e3`; nil when it does not fit `Int`.
  public func asInt() -> Int? {
    switch resolved {
    case .int(let value, _): return value
    case .float(let value): return Int(exactly: value)
    default: return nil
    }
  }

  /// The number a plain scalar stands for: any integer or float form, `.inf`, `-.Inf`, `.nan`.
  public func asDouble() -> Double? {
    switch resolved {
    case .int(let value, let unsigned):
      if let value { return Double(value) }
      return unsigned.map(Double.init)
    case .float(let value): return value
    default: return nil
    }
  }

  /// How the scalar resolves, honouring core-schema tags; nil for collections.
  var resolved: ResolvedScalar? {
    guard case .scalar(let scalar) = content else { return nil }
    if let tag {
      // A lone `!` (the non-specific tag) makes even a plain scalar a string.
      switch YAMLNode.shortTag(tag) {
      case "!!null", "!!bool", "!!int", "!!float":
        return ScalarResolver.resolve(scalar.text, timestamps: false)
      case "!!timestamp": return .timestamp
      default: return .string
      }
    }
    guard scalar.style == .plain else { return .string }
    return ScalarResolver.resolve(scalar.text)
  }

  /// `!<tag:yaml.org,2002:x>` and `tag:yaml.org,2002:x` as `!!x`; other tags unchanged.
  static func shortTag(_ tag: String) -> String {
    for prefix in ["!<tag:yaml.org,2002:", "tag:yaml.org,2002:"] where tag.hasPrefix(prefix) {
      var rest = tag.dropFirst(prefix.count)
      if rest.hasSuffix(">") { rest = rest.dropLast() }
      return "!!" + rest
    }
    return tag
  }
}
