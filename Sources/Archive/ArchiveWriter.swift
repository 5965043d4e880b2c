import Basics
import Glibc

/// Appends frames to a `.rayrec` archive, crash-safely.
///
/// The header is written (with `write(2)`) when the writer is made, and each frame as soon as it
/// is appended, so a process killed at any moment leaves every complete frame readable; only the
/// frame being written can be lost. ``close()`` adds the index and the footer; an archive without
/// them is "not closed cleanly" and ``ArchiveReader`` rebuilds its index by a scan.
///
/// Not thread-safe: one writer per archive, used from one task at a time.
public final class ArchiveWriter {
  /// Where the archive is written.
  public let path: String
  /// The header as written.
  public let header: ArchiveHeader
  /// Targets known so far (header targets plus any added).
  public private(set) var targets: [UInt32: ArchiveTarget] = [:]
  /// Frames appended so far.
  public var frameCount: Int { entries.count }
  /// Bytes written so far.
  public private(set) var bytesWritten = 0
  /// Sum of the body sizes appended so far.
  public private(set) var rawBodyBytes = 0

  private var descriptor: Int32
  private let encoder: FrameEncoder
  private let options: ArchiveWriterOptions
  private var entries: [FrameSummary] = []
  private var addedTargets: [ArchiveTarget] = []

  /// Creates (or truncates) the archive at `path` and writes its header.
  ///
  /// - Throws: ``ArchiveError/io(path:operation:errno:message:)`` when the file cannot be
  ///   created or written; ``ArchiveError/invalidArgument(_:)`` for duplicate target ids.
  public init(
    path: String, header: ArchiveHeader, options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) throws(ArchiveError) {
    self.path = path
    self.header = header
    self.options = options
    for target in header.targets {
      guard targets[target.id] == nil else { throw .invalidArgument("duplicate target id \(target.id)") }
      targets[target.id] = target
    }
    encoder = try FrameEncoder(options: options)
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Self.ioError(path, "open") }
    try write(RecordLayout.fileMagic + RecordLayout.record(.header, payload: header.encode()))
  }

  deinit {
    // Dropped without close(): leave the archive as a crash would (no index, still recoverable).
    if descriptor >= 0 { Glibc.close(descriptor) }
  }

  /// Records a target that was not in the header (e.g. found later by service discovery).
  public func addTarget(_ target: ArchiveTarget) throws(ArchiveError) {
    guard descriptor >= 0 else { throw .closed }
    guard targets[target.id] == nil else { throw .invalidArgument("duplicate target id \(target.id)") }
    var writer = ByteWriter()
    target.encode(into: &writer)
    try write(RecordLayout.record(.target, payload: writer.bytes))
    targets[target.id] = target
    addedTargets.append(target)
  }

  /// Encodes `frame` against its target's previous frame and writes it at once.
  ///
  /// - Throws: ``ArchiveError/invalidArgument(_:)`` for an unknown target id, an HTTP status
  ///   outside 0...999 or a body over 2 GiB; ``ArchiveError/io(path:operation:errno:message:)``.
  public func append(_ frame: Frame) throws(ArchiveError) {
    guard descriptor >= 0 else { throw .closed }
    guard targets[frame.targetID] != nil else {
      throw .invalidArgument("frame for unknown target id \(frame.targetID)")
    }
    let (payload, record) = try encoder.encode(frame)
    let bytes = RecordLayout.record(.frame, payload: payload)
    let offset = bytesWritten
    try write(bytes)
    if options.syncEveryFrame { fsync(descriptor) }
    entries.append(FrameSummary(record: record, offset: offset, storedBytes: bytes.count))
    rawBodyBytes += frame.body.count
  }

  /// Forces everything written so far to stable storage (`fsync(2)`); appends already survive
  /// the death of the process without it, this also covers a power loss.
  public func sync() throws(ArchiveError) {
    guard descriptor >= 0 else { throw .closed }
    guard fsync(descriptor) == 0 else { throw Self.ioError(path, "fsync") }
  }

  /// Writes the index and footer, syncs and closes the file. Calling it twice is harmless.
  public func close() throws(ArchiveError) {
    guard descriptor >= 0 else { return }
    let indexOffset = bytesWritten
    try write(
      RecordLayout.record(.index, payload: try ArchiveIndex.encode(entries, addedTargets: addedTargets)))
    try write(RecordLayout.footer(indexOffset: indexOffset))
    let synced = fsync(descriptor)
    let closed = Glibc.close(descriptor)
    descriptor = -1
    guard synced == 0, closed == 0 else { throw Self.ioError(path, synced != 0 ? "fsync" : "close") }
  }

  private func write(_ bytes: [UInt8]) throws(ArchiveError) {
    if let code = FileIO.writeAll(descriptor, bytes) {
      throw ArchiveError(FileError(path: path, operation: "write", errno: code))
    }
    bytesWritten += bytes.count
  }

  static func ioError(_ path: String, _ operation: String) -> ArchiveError {
    let code = errno
    return .io(path: path, operation: operation, errno: code, message: String(cString: strerror(code)))
  }
}
