import Glibc

/// The read and write loops every file writer needs once: short and interrupted (`EINTR`) calls
/// are retried until all bytes are through or the system says why not.
public enum FileIO {
  /// Writes all of `bytes` to `fd`; the `errno` of a failed write, nil when everything was written.
  public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var done = 0
    while done < bytes.count {
      let n = write(fd, base + done, bytes.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      done += n
    }
    return nil
  }

  /// ``writeAll(_:_:)-(_,UnsafeRawBufferPointer)`` of an array.
  public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBytes { writeAll(fd, $0) }
  }

  /// The whole contents of the file at `path`, or of standard input for `-`.
  public static func readAll(_ path: String) throws(FileError) -> [UInt8] {
    let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw FileError(path: path, operation: "open", errno: errno) }
    defer { if fd != 0 { close(fd) } }
    // Read straight into a buffer of the file's size (one copy, not one per chunk); a file that
    // grows meanwhile, or a pipe, gets more room as it goes.
    var info = stat()
    let size = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
    var out = [UInt8](repeating: 0, count: max(size, 1 << 16))
    var filled = 0
    while true {
      if filled == out.count { out += [UInt8](repeating: 0, count: max(1 << 16, out.count / 2)) }
      let n = out.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, operation: "read", errno: errno)
      }
      if n == 0 { break }
      filled += n
    }
    out.removeSubrange(filled...)
    return out
  }
}
