/// What `rayrec redact` replaces: built-in kinds (all by default), whole values of named
/// labels, and matches of patterns.
public struct RedactionRules: Sendable {
  /// Built-in kinds searched for in every label value: IPv4 addresses, Ray ids, session names,
  /// and (``hostLabels``) host names.
  public var kinds: Set<TokenKind> = [.ip, .id, .session, .host]
  /// Labels whose whole value is a host name (with ``TokenKind/host``).
  public var hostLabels: Set<String> = ["host", "hostname", "Hostname", "node_name", "NodeName", "nodename"]
  /// Labels whose whole value is a Ray job id (short hex, not found by the id rule).
  public var jobLabels: Set<String> = ["JobId", "job_id"]
  /// Labels whose whole value is replaced (`--label-value`).
  public var labelValues: Set<String> = []
  /// Patterns whose matches in label values and target metadata are replaced (`--regex`).
  public var patterns: [String] = []

  /// Shortest hex run taken for a Ray id (job ids are 8, actor ids 32, node and worker ids 56).
  public static let shortestID = 16

  /// All built-in rules, nothing user-given.
  public init() {}

  /// Compiles the patterns; a bad one is named.
  func compiled() throws(RedactionError) -> [Regex<AnyRegexOutput>] {
    var out: [Regex<AnyRegexOutput>] = []
    for pattern in patterns {
      do { out.append(try Regex(pattern)) } catch {
        throw RedactionError("--regex '\(pattern)': not a valid regular expression")
      }
    }
    return out
  }
}

/// A redaction that cannot start or finish.
public struct RedactionError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
