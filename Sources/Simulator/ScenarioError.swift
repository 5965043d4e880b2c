/// A problem in a scenario file, with the place it was found.
///
/// `line` and `column` are 1-based; the column counts characters of the line, so an editor's
/// "go to line:column" lands on the offending token.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file name as given to ``Scenario/parse(_:file:)`` (or the path given to `load`).
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// 1-based column within the line.
  public var column: Int
  /// What is wrong, in the words a user needs.
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `FILE:LINE:COL: message`, the shape compilers and editors understand.
  public var description: String { "\(file):\(line):\(column): \(message)" }
}
