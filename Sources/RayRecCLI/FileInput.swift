import Glibc

/// Reading whole input files (or standard input for `-`), with errno text in failures.
enum FileInput {
  static func read(_ path: String) throws(DataError) -> [UInt8] {
    let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { throw DataError("\(path): \(String(cString: strerror(errno)))") }
    defer { if fd != 0 { close(fd) } }
    var out: [UInt8] = []
    var st = stat()
    if fstat(fd, &st) == 0, st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw DataError("\(path): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      out += chunk[0..<n]
    }
    return out
  }
}
