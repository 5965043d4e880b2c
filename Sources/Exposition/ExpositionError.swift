/// A problem in exposition text, with the place it was found.
///
/// `line` and `column` are 1-based; the column counts bytes, as Prometheus's parser does.
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  /// 1-based byte column within the line.
  public var column: Int
  /// 0-based byte offset from the start of the input.
  public var offset: Int
  /// What is wrong, in the words a user needs.
  public var message: String

  public init(line: Int, column: Int, offset: Int, message: String) {
    self.line = line
    self.column = column
    self.offset = offset
    self.message = message
  }

  /// `LINE:COL: message`, ready to be prefixed with a file name.
  public var description: String { "\(line):\(column): \(message)" }
}
