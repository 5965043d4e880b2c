/// An error from parsing or executing a template, worded as Go's `text/template` words it:
/// `template: NAME:LINE: message` when parsing and
/// `template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: message` when executing.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Which phase failed.
  public enum Kind: Sendable, Equatable {
    /// The text did not parse.
    case parse
    /// Execution failed (a function error, a type error, a limit).
    case execution
  }

  /// Which phase failed.
  public var kind: Kind
  /// The whole message, with Go's `template: ...` prefix and position.
  public var message: String

  /// Makes an error from its kind and full message.
  public init(kind: Kind, message: String) {
    self.kind = kind
    self.message = message
  }

  /// The message, as Go's `err.Error()` prints it.
  public var description: String { message }
}

/// The error a template function throws: its message becomes `error calling NAME: MESSAGE`.
public struct TemplateFunctionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message without the `error calling` prefix.
  public var message: String

  /// Makes an error with a message.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
