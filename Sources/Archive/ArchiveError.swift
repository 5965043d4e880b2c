/// Everything that can go wrong while writing, reading, verifying or repairing a `.rayrec` archive.
///
/// Each case names the place (a byte offset into the archive, or a path) and the problem, so a
/// command-line tool can print it as is.
public enum ArchiveError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A system call failed; `errno` text included.
  case io(path: String, operation: String, errno: Int32, message: String)
  /// The file does not start with the `.rayrec` magic bytes.
  case notAnArchive(path: String)
  /// The archive was written by a newer, incompatible format version.
  case unsupportedVersion(UInt16)
  /// A record or field could not be parsed.
  case malformed(offset: Int, what: String)
  /// A record's CRC32 does not match its bytes.
  case checksumMismatch(offset: Int, what: String)
  /// The file ends inside a record: the writer was interrupted (crash, `kill -9`, full disk).
  case truncatedTail(offset: Int)
  /// A frame's body could not be decoded (zstd error, missing keyframe-chain member, bad transform).
  case undecodable(offset: Int, what: String)
  /// The caller passed something the archive cannot hold.
  case invalidArgument(String)
  /// The writer was used after `close()`.
  case closed
  /// Merging: one target's frames in two inputs cover overlapping times (unix ms), so joining
  /// them would interleave two recordings of the same endpoint.
  case overlap(
    target: String, first: String, firstRange: ClosedRange<Int64>, second: String,
    secondRange: ClosedRange<Int64>)
  /// The file holds no bytes at all (not an archive, or its writer never wrote the header).
  case empty(path: String)
  /// An error met while reading the archive at `path` (so every message names its file).
  indirect case inFile(path: String, error: ArchiveError)

  public var description: String {
    switch self {
    case .io(let path, let operation, let errno, let message):
      return "\(path): \(operation) failed: \(message) (errno \(errno))"
    case .notAnArchive(let path):
      return "\(path): not a rayrec archive (bad magic)"
    case .unsupportedVersion(let version):
      return "unsupported archive format version \(version)"
    case .malformed(let offset, let what):
      return "byte \(offset): malformed \(what)"
    case .checksumMismatch(let offset, let what):
      return "byte \(offset): checksum mismatch in \(what)"
    case .truncatedTail(let offset):
      return "byte \(offset): archive ends inside a record (torn tail: the writer did not finish)"
    case .undecodable(let offset, let what):
      return "byte \(offset): cannot decode frame: \(what)"
    case .invalidArgument(let text):
      return "invalid argument: \(text)"
    case .closed:
      return "archive writer is closed"
    case .overlap(let target, let first, let a, let second, let b):
      return
        "target \(target) is in \(first) (frames \(a.lowerBound) to \(a.upperBound) ms) and in \(second) (\(b.lowerBound) to \(b.upperBound) ms): the times overlap, so the two cannot be joined"
    case .empty(let path):
      return "\(path): the file is empty (0 bytes): not a rayrec archive, or its writer never started"
    case .inFile(let path, let error):
      return "\(path): \(error.description)"
    }
  }

  /// The byte offset the error refers to, when there is one.
  public var offset: Int? {
    switch self {
    case .malformed(let offset, _), .checksumMismatch(let offset, _), .truncatedTail(let offset),
      .undecodable(let offset, _):
      return offset
    case .inFile(_, let error):
      return error.offset
    default:
      return nil
    }
  }

  /// The error without the file it was met in.
  public var underlying: ArchiveError {
    if case .inFile(_, let error) = self { return error.underlying }
    return self
  }

  /// This error as met in the archive at `path`: wrapped unless it names a path already (or the
  /// archive is an in-memory image).
  public func inFile(_ path: String) -> ArchiveError {
    switch self {
    case .io, .notAnArchive, .empty, .inFile: return self
    default: return path == "<memory>" ? self : .inFile(path: path, error: self)
    }
  }
}
