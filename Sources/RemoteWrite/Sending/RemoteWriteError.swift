/// A remote write setting that cannot work: a URL, header or credential the protocol or the
/// HTTP layer refuses. The message names the setting and the problem.
public struct RemoteWriteError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, e.g. `header name 'a b' is not a token`.
  public var message: String

  /// Creates the value from its parts.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
