import CSystem
import Glibc

/// A non-blocking, close-on-exec TCP socket: a value wrapping the descriptor.
///
/// Every wrapper retries `EINTR`, reports `EAGAIN` as a nil/`wouldBlock` result and throws
/// ``HTTPError`` with the `strerror` text otherwise. The value does not own the descriptor:
/// whoever created it calls ``close()`` exactly once.
struct Socket: Sendable, Hashable {
  /// The file descriptor.
  let fd: Int32

  /// Ignores SIGPIPE process-wide once: a peer closing mid-write must be an error, not a kill.
  static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

  /// A new non-blocking IPv4 stream socket.
  static func tcp() throws(HTTPError) -> Socket {
    Socket.ignoreSIGPIPE
    let type =
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
      | Int32(SOCK_CLOEXEC.rawValue)
    let fd = Glibc.socket(AF_INET, type, 0)
    guard fd >= 0 else { throw .system("socket", errno: csystem_errno()) }
    return Socket(fd: fd)
  }

  /// A listening socket bound to `address` (port 0 picks a free port).
  static func listen(on address: SocketAddress, backlog: Int32 = 1024) throws(HTTPError) -> Socket {
    let socket = try tcp()
    do throws(HTTPError) {
      try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
      var raw = address.sockaddr
      let status = withUnsafePointer(to: &raw) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(socket.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard status == 0 else { throw HTTPError.system("bind \(address)", errno: csystem_errno()) }
      guard Glibc.listen(socket.fd, backlog) == 0 else {
        throw HTTPError.system("listen \(address)", errno: csystem_errno())
      }
    } catch {
      socket.close()
      throw error
    }
    return socket
  }

  /// Sets an integer socket option.
  func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(HTTPError) {
    var value = value
    let status = setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    guard status == 0 else { throw .system("setsockopt \(name)", errno: csystem_errno()) }
  }

  /// Turns off Nagle's algorithm: a response head and body go out without waiting for ACKs.
  func setNoDelay() {
    var one: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  /// The pending error of a non-blocking connect (`SO_ERROR`), 0 when it succeeded.
  func pendingError() -> Int32 {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return csystem_errno() }
    return value
  }

  /// The address the socket is bound to (the real port after binding port 0).
  func localAddress() throws(HTTPError) -> SocketAddress {
    var raw = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let status = withUnsafeMutablePointer(to: &raw) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard status == 0 else { throw .system("getsockname", errno: csystem_errno()) }
    return SocketAddress(raw)
  }

  /// Accepts one pending connection, non-blocking and close-on-exec; nil when none is pending.
  func accept() throws(HTTPError) -> (Socket, SocketAddress)? {
    while true {
      var raw = sockaddr_in()
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
      let fd = withUnsafeMutablePointer(to: &raw) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          csystem_accept4(self.fd, $0, &length, flags)
        }
      }
      if fd >= 0 { return (Socket(fd: fd), SocketAddress(raw)) }
      let code = csystem_errno()
      switch code {
      case EINTR, ECONNABORTED: continue
      case EAGAIN, EWOULDBLOCK: return nil
      default: throw .system("accept", errno: code)
      }
    }
  }

  /// Starts a non-blocking connect; true when it completed at once, false when in progress.
  func connect(to address: SocketAddress) throws(HTTPError) -> Bool {
    var raw = address.sockaddr
    while true {
      let status = withUnsafePointer(to: &raw) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      if status == 0 { return true }
      let code = csystem_errno()
      switch code {
      case EINTR: continue
      case EINPROGRESS: return false
      default: throw .system("connect \(address)", errno: code)
      }
    }
  }

  /// Reads into `buffer`; nil when nothing is available, 0 at end of stream.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPError) -> Int? {
    while true {
      let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      let code = csystem_errno()
      switch code {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return nil
      default: throw .system("read", errno: code)
      }
    }
  }

  /// Sends bytes without raising SIGPIPE; nil when the socket buffer is full. `more` tells TCP
  /// that more data follows at once (MSG_MORE), so a head and a sendfile body share packets.
  func send(_ bytes: UnsafeRawBufferPointer, more: Bool = false) throws(HTTPError) -> Int? {
    let flags = Int32(MSG_NOSIGNAL) | (more ? Int32(MSG_MORE) : 0)
    while true {
      let count = Glibc.send(fd, bytes.baseAddress, bytes.count, flags)
      if count >= 0 { return count }
      let code = csystem_errno()
      switch code {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return nil
      default: throw .system("send", errno: code)
      }
    }
  }

  /// Gathers several buffers into one `sendmsg` (MSG_NOSIGNAL); nil when the buffer is full.
  func send(_ vectors: UnsafeMutableBufferPointer<iovec>) throws(HTTPError) -> Int? {
    var message = msghdr()
    message.msg_iov = vectors.baseAddress
    message.msg_iovlen = vectors.count
    while true {
      let count = sendmsg(fd, &message, Int32(MSG_NOSIGNAL))
      if count >= 0 { return count }
      let code = csystem_errno()
      switch code {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return nil
      default: throw .system("sendmsg", errno: code)
      }
    }
  }

  /// Makes the next close send RST instead of FIN (`SO_LINGER` with a zero timeout).
  func setResetOnClose() {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
  }

  /// Shuts down the sending side (FIN) and keeps reading possible.
  func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

  /// Closes the descriptor; `EINTR` is not retried (Linux has already released the fd).
  func close() { _ = Glibc.close(fd) }
}
