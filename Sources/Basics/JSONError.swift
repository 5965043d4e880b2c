/// A JSON syntax error with its place in the document.
public struct JSONError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What is wrong.
  public var message: String
  /// 1-based line and column (columns count characters).
  public var line: Int
  public var column: Int
  /// Byte offset.
  public var offset: Int

  /// `LINE:COL: message`.
  public var description: String { "\(line):\(column): \(message)" }
}
