/// One client exchange on the loop: connect, send the request, read and de-frame the response.
///
/// Loop-confined except for `completion`, which is set before the first loop task is queued.
final class ClientConnection: EventHandler, @unchecked Sendable {
  private enum Phase {
    case idle
    case connecting
    case sending
    case receiving
    case finished
  }

  let loop: EventLoop
  let request: HTTPClientRequest
  let address: SocketAddress
  /// The request as sent: head, then body.
  let requestBytes: [UInt8]
  let started: UInt64
  let startMillis: Int64
  let deadline: UInt64
  /// Called once, on the loop thread, with the outcome: resumes an async caller or wakes a
  /// blocked one (``HTTPClient/sendAndWait(_:)``).
  var completion: ((Result<HTTPClientResponse, HTTPError>) -> Void)?

  private var phase = Phase.idle
  private var socket: Socket?
  private var token: UInt64 = 0
  private var readable = false
  private var writable = false
  private var sent = 0
  private var timers: [UInt64] = []
  /// Bytes not yet consumed: the head while it arrives, then chunked framing leftovers.
  private var pending: [UInt8] = []
  private var head: HTTPResponseHead?
  private var framing = HTTPResponseHead.Framing.none
  private var chunked = ChunkedDecoder()
  /// Chunk data just de-framed, on its way into `body`.
  private var dechunked: [UInt8] = []
  /// The body without framing, decoded as it arrives; made when the head is parsed.
  private var body: BodyBuffer?

  init(
    loop: EventLoop, request: HTTPClientRequest, address: SocketAddress, bytes: [UInt8], started: UInt64,
    startMillis: Int64, deadline: UInt64
  ) {
    self.loop = loop
    self.request = request
    self.address = address
    self.requestBytes = bytes
    self.started = started
    self.startMillis = startMillis
    self.deadline = deadline
  }

  /// Opens the socket and starts connecting (loop thread).
  func start() {
    guard phase == .idle else { return }
    do {
      let socket = try Socket.tcp()
      self.socket = socket
      socket.setNoDelay()
      let connected = try socket.connect(to: address)
      token = try loop.register(
        socket.fd, events: Epoll.input | Epoll.output | Epoll.readHangUp, handler: self)
      phase = connected ? .sending : .connecting
      writable = connected
    } catch {
      var error = error
      if error.operation == "connect \(address)" || error.kind == .connectionRefused {
        error.operation = "connect \(address)"
      }
      finish(.failure(error))
      return
    }
    let connectDeadline = min(deadline, started &+ request.connectTimeout.nanoseconds)
    timers.append(loop.schedule(at: connectDeadline) { [weak self] in self?.connectTimerFired() })
    timers.append(loop.schedule(at: deadline) { [weak self] in self?.deadlineFired() })
    progress()
  }

  func handleEvent(_ flags: UInt32) {
    if flags & (Epoll.output | Epoll.error | Epoll.hangUp) != 0 { writable = true }
    if flags & (Epoll.input | Epoll.readHangUp | Epoll.error | Epoll.hangUp) != 0 { readable = true }
    if phase == .connecting {
      guard writable, let socket else { return }
      let code = socket.pendingError()
      guard code == 0 else {
        finish(.failure(.system("connect \(address)", errno: code)))
        return
      }
      phase = .sending
    }
    progress()
  }

  func loopStopped() {
    finish(
      .failure(HTTPError(kind: .cancelled, operation: request.operation, message: "event loop stopped"))
    )
  }

  /// The caller's task was cancelled.
  func cancel() {
    finish(.failure(HTTPError(kind: .cancelled, operation: request.operation, message: "cancelled")))
  }

  private func connectTimerFired() {
    guard phase == .connecting else { return }
    let seconds = HTTPClientRequest.seconds(
      .nanoseconds(Int64(min(deadline, started &+ request.connectTimeout.nanoseconds) &- started)))
    finish(
      .failure(
        HTTPError(
          kind: .connectTimeout, operation: "connect \(address)", message: "no connection within \(seconds)s")
      ))
  }

  private func deadlineFired() {
    guard phase != .finished else { return }
    let seconds = HTTPClientRequest.seconds(request.timeout)
    if phase == .connecting || phase == .idle {
      finish(
        .failure(
          HTTPError(
            kind: .connectTimeout, operation: "connect \(address)",
            message: "no connection within \(seconds)s")))
    } else {
      let what = head == nil ? "no response" : "response incomplete"
      finish(
        .failure(
          withPartial(
            HTTPError(
              kind: .readTimeout, operation: request.operation, message: "\(what) within \(seconds)s")))
      )
    }
  }

  private func progress() {
    guard let socket else { return }
    if phase == .sending {
      sending: while sent < requestBytes.count && writable {
        let offset = sent
        let result = requestBytes.withUnsafeBytes { raw in
          Result { () throws(HTTPError) in try socket.send(UnsafeRawBufferPointer(rebasing: raw[offset...])) }
        }
        switch result {
        case .success(let count?): sent += count
        case .success(nil): writable = false
        case .failure(let error):
          // The server may have answered and closed already; read what it sent before failing.
          if error.kind == .connectionReset {
            phase = .receiving
            readable = true
            writable = false
            break sending
          }
          finish(.failure(error))
          return
        }
      }
      if sent == requestBytes.count { phase = .receiving }
    }
    if phase == .receiving { receive(socket) }
  }

  private func receive(_ socket: Socket) {
    while readable && phase == .receiving {
      let result = loop.withScratch { scratch in
        Result { () throws(HTTPError) -> Int? in
          guard let count = try socket.read(into: scratch) else { return nil }
          if count > 0 { consume(UnsafeRawBufferPointer(rebasing: scratch[0..<count])) }
          return count
        }
      }
      switch result {
      case .success(nil):
        readable = false
      case .success(0):
        endOfStream()
      case .success:
        continue
      case .failure(var error):
        error.operation = "read response from \(address)"
        finish(.failure(withPartial(error)))
      }
    }
  }

  /// Takes newly read bytes: parses the head, then the body by its framing.
  private func consume(_ bytes: UnsafeRawBufferPointer) {
    guard phase == .receiving else { return }
    if head != nil, case .length(let length) = framing {
      let received = body?.wireBytes ?? 0
      let take = min(bytes.count, length - received)
      guard take > 0 else { return }
      guard feed(UnsafeRawBufferPointer(rebasing: bytes[0..<take])) else { return }
      if body?.wireBytes == length { complete() }
      return
    }
    if head != nil, case .untilClose = framing {
      feed(bytes)
      return
    }
    pending.append(contentsOf: bytes)
    if head == nil {
      while head == nil {
        let parsed = pending.withUnsafeBytes { raw in
          Result { () throws(HTTPError) in try HTTPResponseHead.parse(raw) }
        }
        switch parsed {
        case .failure(let error):
          finish(.failure(error))
          return
        case .success(nil):
          return
        case .success(let (parsedHead, consumed)?):
          pending.removeSubrange(0..<consumed)
          // Interim 1xx responses (100 Continue, 103 Early Hints) precede the real one.
          if (100..<200).contains(parsedHead.status) && parsedHead.status != 101 { continue }
          head = parsedHead
          do {
            framing = try parsedHead.framing(method: request.method)
            body = try BodyBuffer(limit: request.maxBodyBytes, gzip: isGzip)
          } catch {
            finish(.failure(error))
            return
          }
        }
      }
      switch framing {
      case .none:
        complete()
        return
      case .length(let length):
        // A plain body that says it is too large is refused before it is read; a gzip one is
        // held to the limit as it inflates, like any other.
        guard length <= request.maxBodyBytes || isGzip else {
          finish(.failure(tooLarge("Content-Length \(length) is")))
          return
        }
        let rest = pending
        pending = []
        if length == 0 {
          complete()
          return
        }
        rest.withUnsafeBytes { consume($0) }
        return
      case .untilClose:
        let rest = pending
        pending = []
        rest.withUnsafeBytes { _ = feed($0) }
        return
      case .chunked:
        break
      }
    }
    let decoded = pending.withUnsafeBytes { raw in
      Result { () throws(ChunkedDecoder.Failure) in
        try chunked.decode(raw, into: &dechunked, limit: Int.max)
      }
    }
    switch decoded {
    case .success(let used):
      pending.removeSubrange(0..<used)
      let piece = dechunked
      dechunked.removeAll(keepingCapacity: true)
      guard piece.withUnsafeBytes({ feed($0) }) else { return }
      if chunked.isComplete { complete() }
    case .failure(let failure):
      finish(.failure(withPartial(.badResponse("read chunked body from \(address)", failure.message))))
    }
  }

  /// Hands de-framed bytes to the body; false (and the exchange finished) when it refused them.
  @discardableResult
  private func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard !bytes.isEmpty else { return true }
    do throws(BodyBuffer.Failure) {
      try body?.append(bytes)
      return true
    } catch {
      switch error {
      case .tooLarge:
        finish(.failure(tooLarge(isGzip ? "the body after gzip decoding is" : "the body is")))
      case .corrupt(var error):
        error.operation = "decode gzip body from \(address)"
        finish(.failure(withPartial(error)))
      }
    }
    return false
  }

  /// Prometheus's own words first (`body size limit exceeded`), then what passed the limit.
  private func tooLarge(_ what: String) -> HTTPError {
    withPartial(
      HTTPError(
        kind: .bodyTooLarge, operation: "read response from \(address)",
        message: "body size limit exceeded: \(what) more than \(request.maxBodyBytes) bytes"))
  }

  private func endOfStream() {
    guard phase == .receiving else { return }
    if head != nil, case .untilClose = framing {
      complete()
      return
    }
    let message: String
    if head == nil {
      message =
        pending.isEmpty ? "connection closed before any response" : "connection closed in the response head"
    } else {
      message = "connection closed after \(body?.bytes.count ?? 0) body bytes"
    }
    finish(
      .failure(
        withPartial(
          HTTPError(kind: .closedEarly, operation: "read response from \(address)", message: message))))
  }

  private var isGzip: Bool {
    guard let encoding = head?.headers["Content-Encoding"] else { return false }
    let trimmed = encoding[...].trimmingSpaces
    return asciiCaseInsensitiveEqual(trimmed, "gzip") || asciiCaseInsensitiveEqual(trimmed, "x-gzip")
  }

  /// `error` with what has arrived so far: the head and the first (decoded) body bytes, at most
  /// ``HTTPClientRequest/partialBodyBytes`` of them.
  private func withPartial(_ error: HTTPError) -> HTTPError {
    var error = error
    guard let head else { return error }
    error.partial = response(
      head, body: body?.prefix(max(0, request.partialBodyBytes)) ?? [], gzip: body?.wasGzip ?? false)
    error.receivedBodyBytes = body?.decodedBytes ?? 0
    return error
  }

  private func response(_ head: HTTPResponseHead, body: [UInt8], gzip: Bool) -> HTTPClientResponse {
    HTTPClientResponse(
      status: head.status, reason: head.reason, minorVersion: head.minorVersion, headers: head.headers,
      body: body, wasGzip: gzip, startUnixMillis: startMillis,
      durationMicros: HTTPClient.micros(since: started))
  }

  private func complete() {
    guard let head, phase == .receiving else { return }
    if let body, !body.isComplete {
      finish(
        .failure(
          withPartial(.badResponse("decode gzip body from \(address)", "gzip data ends early"))))
      return
    }
    let result = response(head, body: body?.bytes ?? [], gzip: body?.wasGzip ?? false)
    if (300..<400).contains(head.status), let location = head.headers["Location"] {
      finish(
        .failure(
          withPartial(
            HTTPError(
              kind: .redirect, operation: request.operation,
              message: "redirect \(head.status) to \(location) not followed"))))
      return
    }
    finish(.success(result))
  }

  private func finish(_ result: Result<HTTPClientResponse, HTTPError>) {
    guard phase != .finished else { return }
    phase = .finished
    for timer in timers { loop.cancelTimer(timer) }
    timers.removeAll()
    if let socket {
      if token != 0 { loop.deregister(socket.fd, token: token) }
      socket.close()
      self.socket = nil
    }
    let completion = completion
    self.completion = nil
    completion?(result)
  }
}
