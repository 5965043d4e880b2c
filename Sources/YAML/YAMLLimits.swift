/// Bounds that keep hostile or broken input from exhausting the stack, memory or time.
public struct YAMLLimits: Sendable {
  /// Deepest nesting of collections (and block indentation levels) accepted.
  public var maxDepth: Int
  /// Largest input accepted, in UTF-8 bytes.
  public var maxBytes: Int
  /// Most nodes that aliases may bring into one document in total (each use of an alias counts the
  /// whole anchored subtree), so a "billion laughs" document fails instead of growing without bound.
  public var maxAliasExpansions: Int

  /// Limits with the given bounds.
  public init(maxDepth: Int = 1000, maxBytes: Int = 64 << 20, maxAliasExpansions: Int = 1_000_000) {
    self.maxDepth = maxDepth
    self.maxBytes = maxBytes
    self.maxAliasExpansions = maxAliasExpansions
  }

  /// 1000 levels, 64 MiB, one million alias-expanded nodes.
  public static let `default` = YAMLLimits()
}
