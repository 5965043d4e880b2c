import Glibc

/// Writes a result file atomically: to a temporary name beside it, renamed into place only when
/// complete, so a failure never leaves a partial file that looks finished.
struct OutputFile {
  let path: String
  let temporary: String

  init(_ path: String) {
    self.path = path
    self.temporary = path + ".partial-\(getpid())"
  }

  /// Runs `body` with the temporary path; renames on success, removes on failure.
  func produce<T>(_ body: (String) throws -> T) throws -> T {
    do {
      let result = try body(temporary)
      guard rename(temporary, path) == 0 else {
        let message = String(cString: strerror(errno))
        unlink(temporary)
        throw DataError("\(path): cannot rename into place: \(message)")
      }
      return result
    } catch {
      unlink(temporary)
      throw error
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
