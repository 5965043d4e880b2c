import Foundation
import Glibc
import HTTP
import Synchronization

/// A metrics "target" on 127.0.0.1 that misbehaves the way the abusive peers of
/// `../shared/tools/abuse` do, written on raw sockets so tests need nothing outside the package.
///
/// Each connection gets its own thread; every loop is bounded by `lifetime` and by the number of
/// bytes it may send, so a client that never stops reading cannot keep a test running.
final class EvilPeer: Sendable {
  enum Behaviour: Sendable {
    /// `Transfer-Encoding: chunked`, chunk after chunk of metric lines, never a last chunk.
    case endlessChunked
    /// No length and no chunking: metric lines until the connection is closed.
    case endlessUntilClose
    /// `Content-Encoding: gzip`, chunked: `members` gzip members of 16 MiB of zeros each (a
    /// few KiB on the wire), then nothing, holding the connection open.
    case gzipBombThenHold(members: Int)
  }

  /// One line of the endless bodies; their first bytes are this line repeated.
  static let line = Array(("evil_metric{a=\"" + String(repeating: "x", count: 100) + "\"} 1\n").utf8)
  /// The gzip member of the bomb: 16 MiB of zeros.
  static let bombMember = Gzip.compress([UInt8](repeating: 0, count: 16 << 20), level: 9)

  let port: UInt16
  private let listener: Int32
  private let behaviour: Behaviour
  private let deadline: Date
  private let stopped = Atomic<Bool>(false)
  /// Bytes written to clients so far, over every connection.
  let sent = Atomic<Int>(0)
  /// Connections whose client closed (or reset) them.
  let closedByClient = Atomic<Int>(0)

  init(_ behaviour: Behaviour, lifetime: TimeInterval = 120) throws {
    self.behaviour = behaviour
    deadline = Date().addingTimeInterval(lifetime)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw POSIXError(.EADDRINUSE)
    }
    listener = fd
    port = UInt16(bigEndian: address.sin_port)
    let peer = self
    Thread { peer.acceptLoop() }.start()
  }

  /// Stops accepting; connections end at their next write or by their own bounds.
  func stop() { stopped.store(true, ordering: .releasing) }

  private var over: Bool { stopped.load(ordering: .acquiring) || Date() > deadline }

  private func acceptLoop() {
    defer { close(listener) }
    while !over {
      var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 100) > 0 else { continue }
      let client = accept(listener, nil, nil)
      guard client >= 0 else { continue }
      let peer = self
      Thread { peer.serve(client) }.start()
    }
  }

  private func serve(_ fd: Int32) {
    defer { close(fd) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    guard readRequestHead(fd) else { return }
    let chunk = [UInt8]((0..<1000).flatMap { _ in Self.line })
    switch behaviour {
    case .endlessChunked:
      guard write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
      else {
        return
      }
      let framed = Array(String(chunk.count, radix: 16).utf8) + [13, 10] + chunk + [13, 10]
      while !over, write(fd, framed) {}
    case .endlessUntilClose:
      guard write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n") else {
        return
      }
      while !over, write(fd, chunk) {}
    case .gzipBombThenHold(let members):
      guard
        write(
          fd,
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
      else { return }
      let member = Self.bombMember
      let framed = Array(String(member.count, radix: 16).utf8) + [13, 10] + member + [13, 10]
      for _ in 0..<members where !over {
        guard write(fd, framed) else { return }
      }
      // Hold: no more bytes, no close; only the client ends this.
      var scratch = [UInt8](repeating: 0, count: 4096)
      while !over {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0 else { continue }
        if scratch.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) <= 0 {
          closedByClient.add(1, ordering: .relaxed)
          return
        }
      }
    }
  }

  private func readRequestHead(_ fd: Int32) -> Bool {
    var head: [UInt8] = []
    var scratch = [UInt8](repeating: 0, count: 4096)
    while head.count < 65536 {
      let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return false }
      head += scratch[0..<count]
      if head.count >= 4, head.suffix(4).elementsEqual([13, 10, 13, 10]) { return true }
      if String(decoding: head, as: UTF8.self).contains("\r\n\r\n") { return true }
    }
    return false
  }

  private func write(_ fd: Int32, _ text: String) -> Bool { write(fd, Array(text.utf8)) }

  /// Writes all of `bytes`; false once the client has gone (the write failed).
  private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else {
        closedByClient.add(1, ordering: .relaxed)
        return false
      }
      offset += count
      sent.add(count, ordering: .relaxed)
    }
    return true
  }
}
