/// Why a rule file (or a promtool test file) could not be used: every problem found, each worded
/// as Prometheus words it, the file's path in front as `promtool` prints it.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file's path as given.
  public var path: String
  /// The problems, each without the path.
  public var messages: [String]

  /// An error about `path`.
  public init(path: String, messages: [String]) {
    self.path = path
    self.messages = messages
  }

  /// One line (or block) per problem, each `PATH: message`.
  public var lines: [String] { messages.map { "\(path): \($0)" } }

  /// Every problem, one per line.
  public var description: String { lines.joined(separator: "\n") }
}
