/// Why bytes are not a valid message: what was wrong, at which byte offset.
public struct ProtobufError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Offset in the decoded buffer where the problem starts.
  public var offset: Int
  /// What is wrong there.
  public var message: String

  /// Creates the value from its parts.
  public init(offset: Int, _ message: String) {
    self.offset = offset
    self.message = message
  }

  /// `protobuf: byte 12: ...`.
  public var description: String { "protobuf: byte \(offset): \(message)" }
}
