import Glibc

/// A failed file operation: the path, the step that failed (`create`, `write`, `fsync`, `rename`,
/// ...) and the system's reason.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file the operation was on.
  public var path: String
  /// The step that failed, in the system call's words.
  public var operation: String
  /// `errno` as the call left it.
  public var errno: Int32

  /// A failure of `operation` on `path` with `errno`.
  public init(path: String, operation: String, errno: Int32) {
    self.path = path
    self.operation = operation
    self.errno = errno
  }

  /// `strerror` of ``errno``.
  public var message: String { String(cString: strerror(errno)) }

  /// `path: operation failed: reason (errno N)`.
  public var description: String { "\(path): \(operation) failed: \(message) (errno \(errno))" }
}
