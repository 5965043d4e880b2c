import Dispatch
import Glibc
import Testing

@testable import HTTP

/// Issue 20, §3 point 2: a client that sends its request and at once shuts down its write side
/// (its FIN arrives with the request) gets its answer, and the server closes its end then, instead
/// of leaving the socket in CLOSE-WAIT until the idle timeout.
@Suite(.timeLimit(.minutes(3))) struct HalfCloseTests {
  static let connections = 200

  /// Raises the soft descriptor limit to at least `needed`; false when the hard limit is lower.
  static func allowDescriptors(_ needed: Int) -> Bool {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return false }
    if limit.rlim_cur >= rlim_t(needed) { return true }
    guard limit.rlim_max >= rlim_t(needed) else { return false }
    limit.rlim_cur = rlim_t(needed)
    return setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
  }

  /// Reads every socket until it ends; stops early when none has moved for five seconds (the
  /// server's idle timeout is a minute, so a connection it forgot stays open past that).
  static func collect(_ sockets: [BlockingSocket]) -> (bytes: [[UInt8]], ended: [Bool]) {
    var bytes = [[UInt8]](repeating: [], count: sockets.count)
    var ended = [Bool](repeating: false, count: sockets.count)
    var chunk = [UInt8](repeating: 0, count: 65536)
    for _ in 0..<100_000 {
      var polled: [pollfd] = []
      var owners: [Int] = []
      for (index, socket) in sockets.enumerated() where !ended[index] {
        polled.append(pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0))
        owners.append(index)
      }
      guard !polled.isEmpty, poll(&polled, nfds_t(polled.count), 5000) > 0 else { break }
      for (slot, entry) in polled.enumerated() where entry.revents != 0 {
        let index = owners[slot]
        let count = chunk.withUnsafeMutableBytes { recv(sockets[index].fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
          bytes[index].append(contentsOf: chunk[0..<count])
        } else {
          ended[index] = true
        }
      }
    }
    return (bytes, ended)
  }

  @Test func requestsThatArriveWithTheClientsFINAreAnsweredAndClosedAtOnce() async throws {
    let count = Self.connections
    try #require(Self.allowDescriptors(2 * count + 128), "RLIMIT_NOFILE too low for \(count) connections")
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    // While /hold runs, the loop thread is busy: every request and FIN sent meanwhile is waiting
    // together when the loop looks next, which is the case that went unnoticed.
    let (server, port) = try startServer { request, _ in
      if request.target == "/hold" {
        entered.signal()
        _ = release.wait(timeout: .now() + .seconds(10))
      }
      return .response(.text("answer \(request.target)"))
    }
    let outcome = await offPool { () -> (bytes: [[UInt8]], ended: [Bool])? in
      var sockets: [BlockingSocket] = []
      defer { for socket in sockets { socket.close() } }
      // Each connection answered once first, so it is accepted and idle when the burst comes.
      for index in 0..<count {
        guard let socket = BlockingSocket.connect(port: port) else { return nil }
        sockets.append(socket)
        socket.write("GET /warm\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
        let reply = socket.read(untilSeen: "answer /warm\(index)")
        guard occurrences(of: Array("answer /warm\(index)".utf8), in: reply) == 1 else { return nil }
      }
      guard let holder = BlockingSocket.connect(port: port) else { return nil }
      defer { holder.close() }
      holder.write("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
      guard entered.wait(timeout: .now() + .seconds(10)) == .success else { return nil }
      for (index, socket) in sockets.enumerated() {
        socket.write("GET /last\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
        shutdown(socket.fd, Int32(SHUT_WR))
      }
      release.signal()
      return Self.collect(sockets)
    }
    await server.stop()
    let result = try #require(outcome, "the connections could not be set up")
    let answered = result.bytes.indices.filter {
      occurrences(of: Array("answer /last\($0)".utf8), in: result.bytes[$0]) == 1
    }
    #expect(answered.count == count)
    #expect(result.ended.filter { $0 }.count == count, "connections the server left open")
  }
}
