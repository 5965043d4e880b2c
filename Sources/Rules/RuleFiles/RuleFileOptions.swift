/// How rule files are read.
public struct RuleFileOptions: Sendable, Hashable {
  /// Read as Prometheus 2.x does (Debian's 2.42): groups have no `labels` or `query_offset`,
  /// names must be legacy metric and label names.
  public var prometheus2 = false
  /// Accept fields the format does not know (promtool's `--ignore-unknown-fields`).
  public var ignoreUnknownFields = false

  /// Options for Prometheus 3.
  public init(prometheus2: Bool = false, ignoreUnknownFields: Bool = false) {
    self.prometheus2 = prometheus2
    self.ignoreUnknownFields = ignoreUnknownFields
  }
}
