import Glibc
import HTTP

/// A blocking TCP client with a receive timeout, for requests no well-behaved client sends.
struct RawClient {
  let fd: Int32

  init?(port: UInt16, timeoutSeconds: Int = 5) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0, var raw = SocketAddress(host: "127.0.0.1", port: port)?.sockaddr else { return nil }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let status = withUnsafePointer(to: &raw) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard status == 0 else {
      Glibc.close(fd)
      return nil
    }
    self.fd = fd
  }

  func send(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { return }
      offset += count
    }
  }

  /// The status code of the next response head (0 when none arrives).
  func status() -> Int {
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while !received.starts(with: Array("HTTP/1.1 ".utf8)) || received.count < 12 {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      guard count > 0 else { return 0 }
      received += chunk[0..<count]
    }
    return Int(String(decoding: received[9..<12], as: UTF8.self)) ?? 0
  }

  func close() { Glibc.close(fd) }
}
