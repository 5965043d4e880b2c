import CSystem
import Glibc

/// One accepted connection: reads and parses requests, runs the handler, writes responses.
///
/// Loop-confined. Requests are answered strictly in order, one at a time: the next pipelined
/// request is parsed only after the previous response has been written, so a deferred answer
/// holds back the ones behind it, as HTTP/1.1 requires.
final class ServerConnection: EventHandler, @unchecked Sendable {
  /// What happens once the pending response is written.
  private enum After {
    case keepAlive
    case close
    case reset
  }

  private struct Outgoing {
    var head: [UInt8]
    var body: [UInt8]
    var bodyLimit: Int
    var file: FileBody? = nil
    var sent = 0
    var after: After
  }

  private struct Awaiting {
    var sequence: UInt64
    var isHead: Bool
    var keepAlive: Bool
    var minorVersion: Int
  }

  let socket: Socket
  let listener: ListenerID
  let local: SocketAddress
  let remote: SocketAddress
  unowned let core: ServerCore
  var loop: EventLoop { core.loop }
  var token: UInt64 = 0

  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private let maxBuffer: Int
  private var readable = true
  private var writable = true
  private var peerClosed = false
  /// epoll reported the peer's FIN (EPOLLRDHUP): its end of stream waits behind any data, and no
  /// later edge will announce it, so reads go on past a short one until they see it.
  private var hangUpReported = false
  private var closed = false
  private var lingering = false
  private var outgoing: Outgoing?
  private var awaiting: Awaiting?
  private var sequence: UInt64 = 0
  /// When the bytes of the current partial request started arriving (0 when none).
  private var requestStartedAt: UInt64 = 0
  private var lastActivity: UInt64
  private var deadline: UInt64 = .max
  private var timerID: UInt64?
  private var timerAt: UInt64 = .max

  init(socket: Socket, listener: ListenerID, local: SocketAddress, remote: SocketAddress, core: ServerCore) {
    self.socket = socket
    self.listener = listener
    self.local = local
    self.remote = remote
    self.core = core
    self.buffer = [UInt8](repeating: 0, count: 4096)
    self.maxBuffer = core.configuration.maxHeadBytes + core.configuration.maxBodyBytes + 64 * 1024
    self.lastActivity = EventLoop.now()
  }

  func handleEvent(_ flags: UInt32) {
    if flags & (Epoll.readHangUp | Epoll.hangUp | Epoll.error) != 0 { hangUpReported = true }
    if flags & (Epoll.input | Epoll.readHangUp | Epoll.hangUp | Epoll.error) != 0 { readable = true }
    if flags & (Epoll.output | Epoll.hangUp | Epoll.error) != 0 { writable = true }
    drive()
  }

  func loopStopped() { close() }

  /// Makes all the progress possible now, then waits for readiness or a timer.
  func drive() {
    while !closed {
      if outgoing != nil {
        guard flush() else { break }
        continue
      }
      if lingering {
        discardInput()
        break
      }
      readAvailable()
      if closed { return }
      if awaiting != nil {
        if peerClosed { close() }
        break
      }
      if start < end {
        let parsed = buffer.withUnsafeBytes { raw in
          Result { () throws(HTTPRequestParser.Failure) in
            try core.parser.parse(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
          }
        }
        let result: HTTPRequestParser.Result
        switch parsed {
        case .success(let value):
          result = value
        case .failure(let error):
          respondWithError(status: error.status, message: error.message)
          continue
        }
        if case .request(let request, let consumed) = result {
          start += consumed
          if start == end {
            start = 0
            end = 0
          }
          requestStartedAt = 0
          dispatch(request)
          continue
        }
        if requestStartedAt == 0 { requestStartedAt = EventLoop.now() }
      }
      if peerClosed {
        close()
        return
      }
      break
    }
    updateDeadline()
  }

  /// Delivers a deferred reply if it is still the one this connection waits for.
  func deliver(_ reply: HTTPReply, sequence: UInt64) {
    guard !closed, let waiting = awaiting, waiting.sequence == sequence else { return }
    if case .deferred = reply { return }
    awaiting = nil
    apply(reply, isHead: waiting.isHead, keepAlive: waiting.keepAlive, minorVersion: waiting.minorVersion)
    drive()
  }

  private func dispatch(_ request: HTTPRequest) {
    sequence &+= 1
    let context = HTTPRequestContext(
      listener: listener, localAddress: local, remoteAddress: remote, connection: self,
      sequence: sequence)
    let keepAlive = request.keepAlive
    let reply = core.handler.handle(request, context: context)
    if case .deferred = reply {
      awaiting = Awaiting(
        sequence: sequence, isHead: request.isHead, keepAlive: keepAlive,
        minorVersion: request.minorVersion)
      return
    }
    apply(reply, isHead: request.isHead, keepAlive: keepAlive, minorVersion: request.minorVersion)
  }

  private func apply(_ reply: HTTPReply, isHead: Bool, keepAlive: Bool, minorVersion: Int) {
    switch reply {
    case .response(let response):
      let head: [UInt8]
      if keepAlive, minorVersion == 1, let prepared = response.preparedHead {
        head = prepared
      } else {
        var built: [UInt8] = []
        response.writeHead(into: &built, keepAlive: keepAlive, minorVersion: minorVersion)
        head = built
      }
      let sendBody = !isHead && response.allowsBody
      outgoing = Outgoing(
        head: head, body: response.body, bodyLimit: sendBody ? response.body.count : 0,
        file: response.fileBody, after: keepAlive ? .keepAlive : .close)
    case .resetAfter(let response, let bodyBytes):
      var head: [UInt8] = []
      response.writeHead(into: &head, keepAlive: keepAlive, minorVersion: minorVersion)
      let limit = isHead ? 0 : max(0, min(bodyBytes, response.body.count))
      outgoing = Outgoing(
        head: head, body: response.body, bodyLimit: limit, file: response.fileBody, after: .reset)
    case .close(let reset):
      if reset { socket.setResetOnClose() }
      close()
    case .deferred:
      break
    }
  }

  private func respondWithError(status: Int, message: String) {
    var response = HTTPResponse.text(message + "\n", status: status)
    response.headers.append(name: "Server", value: "rayrec")
    var head: [UInt8] = []
    response.writeHead(into: &head, keepAlive: false, minorVersion: 1)
    outgoing = Outgoing(head: head, body: response.body, bodyLimit: response.body.count, after: .close)
    start = 0
    end = 0
  }

  /// Writes as much of the pending response as the socket takes; true when it is done.
  private func flush() -> Bool {
    guard var out = outgoing else { return true }
    let total = out.head.count + out.bodyLimit
    while out.sent < total {
      guard writable else {
        outgoing = out
        return false
      }
      let result: (written: Int, short: Bool)?
      do {
        result = try Self.send(&out, socket: socket)
      } catch {
        close()
        return false
      }
      guard let count = result else {
        writable = false
        outgoing = out
        return false
      }
      out.sent += count.written
      // A short write means the socket buffer is full; the next EPOLLOUT edge says when not.
      if count.short { writable = false }
    }
    outgoing = nil
    lastActivity = EventLoop.now()
    switch out.after {
    case .keepAlive:
      break
    case .close:
      // Lingering close: stop sending, then drain until the peer closes, so unread input does
      // not turn our FIN into an RST that destroys the response in flight.
      socket.shutdownWrite()
      lingering = true
    case .reset:
      socket.setResetOnClose()
      close()
    }
    return true
  }

  /// One write attempt: bytes written and whether fewer were taken than offered; nil on EAGAIN.
  private static func send(
    _ out: inout Outgoing, socket: Socket
  ) throws(HTTPError) -> (written: Int, short: Bool)? {
    let headCount = out.head.count
    let sent = out.sent
    let bodyLimit = out.bodyLimit
    if let file = out.file, bodyLimit > 0 {
      if sent >= headCount {
        let asked = bodyLimit - (sent - headCount)
        guard let count = try file.send(to: socket, offset: sent - headCount, count: asked) else {
          return nil
        }
        return (count, count < asked)
      }
      let result = out.head.withUnsafeBytes { head in
        Result { () throws(HTTPError) in
          try socket.send(UnsafeRawBufferPointer(rebasing: head[sent...]), more: true)
        }
      }
      guard let count = try result.get() else { return nil }
      return (count, count < headCount - sent)
    }
    let asked = headCount + bodyLimit - sent
    let result = out.head.withUnsafeBytes { head in
      out.body.withUnsafeBytes { body in
        var vectors = (iovec(), iovec())
        var count = 0
        if sent < headCount, let base = head.baseAddress {
          vectors.0 = iovec(
            iov_base: UnsafeMutableRawPointer(mutating: base + sent), iov_len: headCount - sent)
          count = 1
        }
        let bodyOffset = max(0, sent - headCount)
        if bodyOffset < bodyLimit, let base = body.baseAddress {
          let vector = iovec(
            iov_base: UnsafeMutableRawPointer(mutating: base + bodyOffset), iov_len: bodyLimit - bodyOffset)
          if count == 0 { vectors.0 = vector } else { vectors.1 = vector }
          count += 1
        }
        return withUnsafeMutableBytes(of: &vectors) { raw in
          let pointer = raw.bindMemory(to: iovec.self)
          return Result { () throws(HTTPError) in
            try socket.send(UnsafeMutableBufferPointer(rebasing: pointer[0..<count]))
          }
        }
      }
    }
    guard let count = try result.get() else { return nil }
    return (count, count < asked)
  }

  /// Reads what is available into the buffer (up to its cap).
  private func readAvailable() {
    while readable && !peerClosed {
      if end == buffer.count {
        if start > 0 {
          buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            memmove(base, base + start, end - start)
          }
          end -= start
          start = 0
        } else if buffer.count < maxBuffer {
          buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxBuffer - buffer.count)))
        } else {
          return
        }
      }
      let space = buffer.count - end
      let offset = end
      let attempt = buffer.withUnsafeMutableBytes { raw in
        Result { () throws(HTTPError) in
          try socket.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[offset...]))
        }
      }
      guard case .success(let result) = attempt else {
        close()
        return
      }
      guard let count = result else {
        readable = false
        return
      }
      if count == 0 {
        peerClosed = true
        return
      }
      end += count
      lastActivity = EventLoop.now()
      // A short read drained the socket's data; Linux signals the next arrival as a new edge.
      // Not so a FIN that came with the data (a client that sends its request, then shuts down
      // its write side): its edge is the one just handled, so read on to the end of stream.
      if count < space && !hangUpReported { readable = false }
    }
  }

  /// During a lingering close: read and drop input until end of stream.
  private func discardInput() {
    var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    while readable {
      let result: Int?
      do {
        result = try withUnsafeMutableBytes(of: &scratch) { raw throws(HTTPError) in
          try socket.read(into: raw)
        }
      } catch {
        close()
        return
      }
      guard let count = result else {
        readable = false
        return
      }
      if count == 0 {
        close()
        return
      }
    }
  }

  private func updateDeadline() {
    guard !closed else { return }
    let wanted: UInt64
    if lingering {
      wanted = lastActivity &+ 2_000_000_000
    } else if awaiting != nil {
      wanted = .max
    } else if outgoing != nil {
      wanted = lastActivity &+ core.idleTimeoutNanos
    } else if requestStartedAt != 0 {
      wanted = requestStartedAt &+ core.requestTimeoutNanos
    } else if sequence == 0 {
      // A new connection that has sent nothing gets the request timeout, not the idle one.
      wanted = lastActivity &+ core.requestTimeoutNanos
    } else {
      wanted = lastActivity &+ core.idleTimeoutNanos
    }
    deadline = wanted
    guard wanted != .max, timerID == nil || wanted < timerAt else { return }
    if let timerID { loop.cancelTimer(timerID) }
    timerAt = wanted
    timerID = loop.schedule(at: wanted) { [weak self] in self?.timerFired() }
  }

  private func timerFired() {
    timerID = nil
    timerAt = .max
    guard !closed else { return }
    if EventLoop.now() < deadline {
      updateDeadline()
      return
    }
    if requestStartedAt != 0 && outgoing == nil && awaiting == nil && !lingering {
      requestStartedAt = 0
      respondWithError(status: 408, message: "request not received in time")
      drive()
    } else {
      close()
    }
  }

  /// Closes the socket and forgets the connection.
  func close() {
    guard !closed else { return }
    closed = true
    if let timerID { loop.cancelTimer(timerID) }
    timerID = nil
    loop.deregister(socket.fd, token: token)
    socket.close()
    core.forget(self)
  }
}
