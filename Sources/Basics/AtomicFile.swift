import Glibc

/// A file written beside its destination under a fresh name, then moved into place whole.
///
/// The temporary name is unpredictable and created with `O_CREAT|O_EXCL|O_NOFOLLOW`: a symlink
/// (or any file) planted at a name we might pick is never followed or truncated, we simply pick
/// another. A fixed name such as `<path>.tmp` would let anyone who can write the directory make us
/// overwrite the file the link points to (on machines with `fs.protected_symlinks=0`, even in a
/// sticky `/tmp`).
///
/// Not thread-safe: one owner writes, then calls ``commit(replacing:)`` or ``discard()``.
public struct AtomicFile: ~Copyable {
  /// Where the file ends up.
  public let path: String
  /// The temporary beside `path` that holds the bytes until ``commit(replacing:)``.
  public let temporaryPath: String
  private var descriptor: Int32
  /// Committed or discarded: the temporary is no longer ours to remove.
  private var settled = false

  /// Creates an empty temporary in `path`'s directory, open for writing, mode `0644` (less the
  /// umask) as a plain `open` would give the result.
  ///
  public init(beside path: String) throws(FileError) {
    var generator = SystemRandomNumberGenerator()
    // Every retry is a name that already existed; 64 in a row means something is very wrong.
    for _ in 0..<64 {
      // The PID tells whose leftover it is after a kill -9; the random part makes it unguessable.
      let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 36)
      let candidate = "\(path).partial-\(getpid())-\(suffix)"
      let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      if fd >= 0 {
        self.path = path
        self.temporaryPath = candidate
        self.descriptor = fd
        return
      }
      let code = errno
      guard code == EEXIST || code == EINTR else { throw Self.failure(candidate, "create", code) }
    }
    throw Self.failure(path + ".partial-*", "create", EEXIST)
  }

  deinit {
    // Dropped without commit: nothing half-written may stay behind looking like a result.
    guard !settled else { return }
    if descriptor >= 0 { close(descriptor) }
    unlink(temporaryPath)
  }

  /// Appends `bytes`, retrying short and interrupted writes.
  public func write(_ bytes: [UInt8]) throws(FileError) {
    if let code = FileIO.writeAll(descriptor, bytes) { throw Self.failure(temporaryPath, "write", code) }
  }

  /// Closes the temporary but keeps it, for a writer that insists on opening a path: it finds
  /// an empty regular file of ours there. ``commit(replacing:)`` still moves it.
  public mutating func closeForReopening() throws(FileError) {
    guard descriptor >= 0 else { return }
    let fd = descriptor
    descriptor = -1
    guard close(fd) == 0 else { throw Self.failure(temporaryPath, "close", errno) }
  }

  /// Makes the bytes durable and moves them to ``path``; the temporary is gone afterwards.
  ///
  /// With `replacing`, an existing file (or symlink) at `path` is replaced by `rename`; without,
  /// the name is claimed by `link`, so a file that appeared meanwhile is never clobbered: a
  /// ``FileError`` with `EEXIST` says so.
  public consuming func commit(replacing: Bool) throws(FileError) {
    let temporary = temporaryPath
    var fd = descriptor
    settled = true
    do throws(FileError) {
      if fd < 0 {
        // Closed for reopening: fsync wants a descriptor again (never through a link).
        fd = open(temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure(temporary, "open", errno) }
      }
      // A file system that cannot fsync (EINVAL) still gets the rename.
      if fsync(fd) != 0 && errno != EINVAL {
        let code = errno
        close(fd)
        throw Self.failure(temporary, "fsync", code)
      }
      guard close(fd) == 0 else { throw Self.failure(temporary, "close", errno) }
      try Self.move(temporary, to: path, replacing: replacing)
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// `rename` replaces; `link` claims the name only while it is free, then drops the temporary.
  private static func move(_ temporary: String, to path: String, replacing: Bool) throws(FileError) {
    if !replacing {
      if link(temporary, path) == 0 {
        unlink(temporary)
        return
      }
      let code = errno
      guard code == EPERM || code == EOPNOTSUPP || code == EXDEV else { throw failure(path, "link", code) }
      // File systems without hard links: the best left is to check, then rename.
      var info = stat()
      if lstat(path, &info) == 0 { throw failure(path, "link", EEXIST) }
    }
    guard rename(temporary, path) == 0 else { throw failure(path, "rename", errno) }
  }

  /// Removes the temporary without touching ``path``.
  public consuming func discard() {
    settled = true
    if descriptor >= 0 { close(descriptor) }
    unlink(temporaryPath)
  }

  /// Replaces `path` with `bytes` so a reader sees the old file or the new one, never half.
  public static func replace(_ path: String, with bytes: [UInt8]) throws(FileError) {
    let file = try AtomicFile(beside: path)
    try file.write(bytes)
    try file.commit(replacing: true)
  }

  private static func failure(_ path: String, _ operation: String, _ code: Int32) -> FileError {
    FileError(path: path, operation: operation, errno: code)
  }
}
