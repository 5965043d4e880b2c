import Glibc

/// Writes a result file atomically: to a temporary name beside it, moved into place only when
/// complete, so a failure never leaves a partial file that looks finished. An existing file is
/// replaced only when the user said `--force`.
struct OutputFile {
  let path: String
  let temporary: String
  /// Replace an existing file at `path`.
  let force: Bool

  init(_ path: String, force: Bool) {
    self.path = path
    self.temporary = path + ".partial-\(getpid())"
    self.force = force
  }

  /// Fails when `path` exists and `force` is false: checked before any work starts, so a long
  /// recording or export is not run only to be thrown away.
  static func refuseExisting(_ path: String, force: Bool) throws {
    guard !force else { return }
    var info = stat()
    if lstat(path, &info) == 0 { throw alreadyExists(path) }
  }

  static func alreadyExists(_ path: String) -> DataError {
    DataError("\(path): already exists; not overwritten (pass --force to replace it)")
  }

  /// Runs `body` with the temporary path; moves it into place on success, removes it on failure.
  func produce<T>(_ body: (String) throws -> T) throws -> T {
    try Self.refuseExisting(path, force: force)
    do {
      let result = try body(temporary)
      try moveIntoPlace()
      return result
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// `rename` replaces; without `--force`, `link` claims the name only if it is still free (a
  /// file that appeared while we worked is not clobbered either).
  private func moveIntoPlace() throws {
    if !force {
      if link(temporary, path) == 0 {
        unlink(temporary)
        return
      }
      if errno == EEXIST { throw Self.alreadyExists(path) }
      // File systems without hard links: the best we can do is check, then rename.
      try Self.refuseExisting(path, force: false)
    }
    guard rename(temporary, path) == 0 else {
      throw DataError("\(path): cannot rename into place: \(String(cString: strerror(errno)))")
    }
  }
}

/// Appends bytes to a file descriptor, retrying short writes.
struct FileSink {
  let fd: Int32
  let path: String

  static func create(_ path: String) throws -> FileSink {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw DataError("\(path): \(String(cString: strerror(errno)))") }
    return FileSink(fd: fd, path: path)
  }

  func write(_ bytes: [UInt8]) throws {
    var done = 0
    while done < bytes.count {
      let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw DataError("\(path): write failed: \(String(cString: strerror(errno)))")
      }
      done += n
    }
  }

  func close() throws {
    if fsync(fd) != 0 && errno != EINVAL {
      throw DataError("\(path): fsync failed: \(String(cString: strerror(errno)))")
    }
    Glibc.close(fd)
  }
}
