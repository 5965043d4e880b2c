/// A half-open range of byte offsets into the query text.
public struct PositionRange: Hashable, Sendable {
  /// Byte offset of the first byte.
  public var start: Int
  /// Byte offset just past the last byte.
  public var end: Int

  /// Creates a range from two byte offsets.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  /// The 1-based `line:column` of `start` in `query`, columns counted in bytes as Prometheus does.
  public func lineColumn(in query: String) -> (line: Int, column: Int) {
    var line = 1
    var lastBreak = -1
    var index = 0
    for byte in query.utf8 {
      if index >= start { break }
      if byte == UInt8(ascii: "\n") {
        line += 1
        lastBreak = index
      }
      index += 1
    }
    return (line, start - lastBreak)
  }
}
