/// A YAML syntax or structure error: where it is and what is wrong, worded as go-yaml words it where
/// go-yaml has a message for the same problem.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name given to the parser (used only in messages).
  public let file: String
  /// Where the problem is.
  public let mark: YAMLMark
  /// What is wrong, without position.
  public let message: String

  /// An error in `file` at `mark`.
  public init(file: String, mark: YAMLMark, message: String) {
    self.file = file
    self.mark = mark
    self.message = message
  }

  /// `FILE:LINE:COL: message`.
  public var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }
}

/// An error inside the reader before the file name is attached; `YAMLParser` adds it.
struct SyntaxError: Error {
  let mark: Mark
  let message: String

  init(_ message: String, at mark: Mark) {
    self.mark = mark
    self.message = message
  }
}

/// A position while reading: byte offset plus 0-based line and column (column in Unicode scalars).
struct Mark: Sendable, Equatable {
  var index = 0
  var line = 0
  var column = 0

  /// The public 1-based form.
  var public1: YAMLMark { YAMLMark(line: line + 1, column: column + 1) }
}
