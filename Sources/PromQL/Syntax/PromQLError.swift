/// An error from the PromQL front end: a syntax or type error with its place in the query.
///
/// `description` reads like Prometheus's own message, e.g. `1:13: parse error: unexpected <op:*>`.
public struct PromQLError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong, without the position prefix.
  public var message: String
  /// The byte range the error is about.
  public var position: PositionRange
  /// 1-based line of `position.start`.
  public var line: Int
  /// 1-based byte column of `position.start`.
  public var column: Int

  /// Creates an error for `query`, computing line and column from `position`.
  public init(_ message: String, at position: PositionRange, in query: String) {
    self.message = message
    self.position = position
    (line, column) = position.lineColumn(in: query)
  }

  /// `line:col: parse error: message`.
  public var description: String { "\(line):\(column): parse error: \(message)" }
}
