import CSystem
import Glibc

/// A response body copied once into an anonymous in-memory file (`memfd`), so the server can
/// send it with `sendfile`: the kernel then passes page references instead of copying the bytes
/// for every request, which is what lets a large prebuilt body be served at nginx speed.
final class FileBody: Sendable {
  /// The memfd holding the body.
  let fd: Int32
  /// The body length.
  let count: Int

  /// Copies `bytes` into a new memfd; nil when the kernel refuses.
  init?(_ bytes: [UInt8]) {
    let fd = csystem_memfd("rayrec-body")
    guard fd >= 0 else { return nil }
    var written = 0
    let complete = bytes.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      while written < raw.count {
        let count = Glibc.write(fd, base + written, raw.count - written)
        if count < 0 {
          if csystem_errno() == EINTR { continue }
          return false
        }
        written += count
      }
      return true
    }
    guard complete else {
      Glibc.close(fd)
      return nil
    }
    self.fd = fd
    self.count = bytes.count
  }

  deinit { Glibc.close(fd) }

  /// Sends `count` bytes from `offset` to `socket`; nil when the socket buffer is full.
  func send(to socket: Socket, offset: Int, count: Int) throws(HTTPError) -> Int? {
    var position = off_t(offset)
    while true {
      let sent = sendfile(socket.fd, fd, &position, count)
      if sent >= 0 { return sent }
      let code = csystem_errno()
      switch code {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return nil
      default: throw .system("sendfile", errno: code)
      }
    }
  }
}
