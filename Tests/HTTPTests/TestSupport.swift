import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTP

/// Runs blocking work on a thread of its own, never on the cooperative pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    let thread = Thread { continuation.resume(returning: body()) }
    thread.start()
  }
}

/// Starts a server on 127.0.0.1 (port 0) with `handler`; returns it and its port.
func startServer(
  configuration: HTTPServer.Configuration = HTTPServer.Configuration(),
  _ handler: @escaping @Sendable (HTTPRequest, HTTPRequestContext) -> HTTPReply
) throws -> (HTTPServer, UInt16) {
  let server = try HTTPServer(configuration: configuration, handler: HTTPHandlerClosure(handler))
  let bound = try server.start([try #require(SocketAddress(host: "127.0.0.1", port: 0))])
  return (server, bound[0].address.port)
}

/// A blocking IPv4 TCP socket with receive and send timeouts, for hand-written peers.
struct BlockingSocket {
  let fd: Int32

  static func connect(port: UInt16, timeoutSeconds: Int = 5) -> BlockingSocket? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    guard let address = SocketAddress(host: "127.0.0.1", port: port) else { return nil }
    var raw = address.sockaddr
    let status = withUnsafePointer(to: &raw) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard status == 0 else {
      Glibc.close(fd)
      return nil
    }
    return BlockingSocket(fd: fd)
  }

  func write(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes {
        send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard count > 0 else { return }
      offset += count
    }
  }

  func write(_ text: String) { write(Array(text.utf8)) }

  /// Reads until end of stream, an error or the receive timeout.
  func readToEnd(limit: Int = 1 << 24) -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while result.count < limit {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }

  /// Waits for the peer to close: true on end of stream, false on timeout or error.
  func waitForClose() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count == 0 { return true }
      if count < 0 { return false }
    }
  }

  /// Reads until `marker` has been seen `times` times (or the stream ends).
  func read(untilSeen marker: String, times: Int = 1) -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    let needle = Array(marker.utf8)
    while occurrences(of: needle, in: result) < times {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return result
  }

  func close() { _ = Glibc.close(fd) }
}

func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
  guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
  var count = 0
  var index = 0
  while index <= haystack.count - needle.count {
    if haystack[index..<(index + needle.count)].elementsEqual(needle) {
      count += 1
      index += needle.count
    } else {
      index += 1
    }
  }
  return count
}

/// A one-connection server written by hand: accepts one client, reads its request head, then
/// plays `script`. Runs on its own thread and gives up after a few seconds without a client.
final class RawServer: Sendable {
  enum Step: Sendable {
    case send([UInt8])
    case sleep(milliseconds: Int)
    case reset
  }

  let port: UInt16
  private let listenFD: Int32
  private let done = Mutex(false)

  init(_ script: [Step]) throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var raw = try #require(SocketAddress(host: "127.0.0.1", port: 0)).sockaddr
    let status = withUnsafePointer(to: &raw) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(status == 0 && listen(fd, 4) == 0)
    var bound = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &bound) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.port = UInt16(bigEndian: bound.sin_port)
    self.listenFD = fd
    let thread = Thread { [self] in serve(script) }
    thread.start()
  }

  private func serve(_ script: [Step]) {
    defer {
      close(listenFD)
      done.withLock { $0 = true }
    }
    var poller = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, 5000) == 1 else { return }
    let client = accept(listenFD, nil, nil)
    guard client >= 0 else { return }
    let peer = BlockingSocket(fd: client)
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    _ = peer.read(untilSeen: "\r\n\r\n")
    for step in script {
      switch step {
      case .send(let bytes): peer.write(bytes)
      case .sleep(let milliseconds): usleep(UInt32(milliseconds) * 1000)
      case .reset:
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
      }
    }
    peer.close()
  }

  var url: HTTPURL { HTTPURL(host: "127.0.0.1", port: port, target: "/metrics") }
}

extension RawServer.Step {
  static func text(_ text: String) -> Self { .send(Array(text.utf8)) }
}
