public import Basics

extension ArchiveError {
  /// The archive error of a failed file operation.
  public init(_ error: FileError) {
    self = .io(path: error.path, operation: error.operation, errno: error.errno, message: error.message)
  }
}
