import CSystem
import Dispatch
import Glibc

/// An HTTP/1.1 client for scrapes, running its sockets on an ``EventLoop``.
///
/// Requests are cheap: no thread per request, one socket each, all waiting in one `epoll` set
/// (shared with an ``HTTPServer`` when given the same loop). Each request uses a new connection,
/// closed after the response, so a fault in one scrape never leaks into the next.
public final class HTTPClient: Sendable {
  /// The loop the client's sockets run on.
  public let loop: EventLoop
  private let ownsLoop: Bool
  /// The `User-Agent` sent: `rayrec/<version>`.
  public let userAgent: String

  /// Creates a client on `loop`, or on a loop of its own.
  public init(loop: EventLoop? = nil, version: String = "0.1.0") throws(HTTPError) {
    if let loop {
      self.loop = loop
      self.ownsLoop = false
    } else {
      self.loop = try EventLoop(name: "rayrec-http-client")
      self.ownsLoop = true
    }
    self.userAgent = "rayrec/\(version)"
  }

  /// Stops the client's own loop (a shared loop is left running); pending requests fail.
  public func shutdown() async {
    if ownsLoop { await loop.shutdown() }
  }

  /// Sends `request` and returns the response.
  ///
  /// - Throws: ``HTTPError`` whose kind says what failed; a redirect throws kind `redirect` with
  ///   the full response in ``HTTPError/partial``.
  public func send(_ request: HTTPClientRequest) async throws(HTTPError) -> HTTPClientResponse {
    try await scrape(request).outcome.get()
  }

  /// Scrapes: sends `request` and reports a timed, classified outcome. Never throws.
  public func scrape(_ request: HTTPClientRequest) async -> ScrapeResult {
    let startMillis = Self.unixMillis()
    let started = EventLoop.now()
    let deadline = started &+ request.timeout.nanoseconds
    var address = SocketAddress(host: request.url.host, port: request.url.port)
    if address == nil {
      let resolved = await Self.resolve(request.url)
      switch resolved {
      case .success(let value):
        address = value
      case .failure(let error):
        return ScrapeResult(
          startUnixMillis: startMillis, durationMicros: Self.micros(since: started),
          outcome: .failure(error))
      }
    }
    guard let address else {
      return ScrapeResult(
        startUnixMillis: startMillis, durationMicros: 0,
        outcome: .failure(
          .init(
            kind: .badURL, operation: "resolve \(request.url.host)", message: "no address")))
    }
    let connection = ClientConnection(
      loop: loop, request: request, address: address, bytes: request.serialized(userAgent: userAgent),
      started: started, startMillis: startMillis, deadline: deadline)
    let outcome = await withTaskCancellationHandler {
      await withCheckedContinuation {
        (continuation: CheckedContinuation<Result<HTTPClientResponse, HTTPError>, Never>) in
        connection.completion = { continuation.resume(returning: $0) }
        let accepted = loop.enqueue { connection.start() }
        if !accepted {
          continuation.resume(
            returning: .failure(
              .init(
                kind: .cancelled, operation: request.operation, message: "client is shut down")))
        }
      }
    } onCancel: {
      loop.enqueue { connection.cancel() }
    }
    return ScrapeResult(
      startUnixMillis: startMillis, durationMicros: Self.micros(since: started), outcome: outcome)
  }

  /// Resolves a host name off the cooperative pool (getaddrinfo blocks).
  private static func resolve(_ url: HTTPURL) async -> Result<SocketAddress, HTTPError> {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          returning: Result { () throws(HTTPError) in
            try SocketAddress.resolve(host: url.host, port: url.port)
          })
      }
    }
  }

  static func unixMillis() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) &* 1000 &+ Int64(spec.tv_nsec / 1_000_000)
  }

  static func micros(since start: UInt64) -> Int64 {
    Int64((EventLoop.now() &- start) / 1000)
  }
}
