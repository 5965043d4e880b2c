import Archive
import Basics
import Glibc

/// Writes a result file atomically: to a fresh temporary beside it (an unpredictable name, created
/// exclusively, so a planted symlink is never followed), moved into place only when complete, so a
/// failure never leaves a partial file that looks finished. An existing file is replaced only when
/// the user said `--force`.
struct OutputFile {
  let path: String
  /// Replace an existing file at `path`.
  let force: Bool

  init(_ path: String, force: Bool) {
    self.path = path
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

  /// Runs `body` with the temporary's path (an empty file of ours, for writers that open a path);
  /// moves it into place on success, removes it on failure.
  func produce<T>(_ body: (String) throws -> T) throws -> T {
    try Self.refuseExisting(path, force: force)
    let file = try Self.temporary(beside: path)
    // A failing body drops `file`, which removes the temporary.
    let result = try body(file.temporaryPath)
    do throws(FileError) {
      try file.commit(replacing: force)
    } catch  where error.operation == "link" && error.errno == EEXIST {
      throw Self.alreadyExists(path)
    } catch {
      throw DataError(error.description)
    }
    return result
  }

  /// A fresh, empty temporary beside `path`, closed so a writer can open it by name.
  private static func temporary(beside path: String) throws -> AtomicFile {
    do throws(FileError) {
      var file = try AtomicFile(beside: path)
      try file.closeForReopening()
      return file
    } catch {
      throw DataError(error.description)
    }
  }
}

/// Appends bytes to a file descriptor, retrying short writes.
struct FileSink {
  let fd: Int32
  let path: String

  /// Opens the file at `path` (never through a symlink), created or emptied.
  static func create(_ path: String) throws -> FileSink {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw DataError("\(path): \(String(cString: strerror(errno)))") }
    return FileSink(fd: fd, path: path)
  }

  func write(_ bytes: [UInt8]) throws {
    if let code = FileIO.writeAll(fd, bytes) {
      throw DataError("\(path): write failed: \(String(cString: strerror(code)))")
    }
  }

  func close() throws {
    if fsync(fd) != 0 && errno != EINVAL {
      throw DataError("\(path): fsync failed: \(String(cString: strerror(errno)))")
    }
    Glibc.close(fd)
  }
}
