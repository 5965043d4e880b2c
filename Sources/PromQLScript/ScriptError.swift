/// A problem in a script's own syntax (a bad command, duration or series line), as `file:line: message`.
public struct ScriptError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The script's name as given to the parser.
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// Creates the value from its parts.
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): \(message)" }
}
