import Dispatch
import Synchronization

/// Blocking forms of ``HTTPClient/send(_:)`` and ``HTTPClient/scrape(_:)`` for synchronous code,
/// such as test assertions that query a Prometheus API.
///
/// Why these cannot deadlock, even on a Swift concurrency thread while every other thread of the
/// cooperative pool (two on a two-core machine) is blocked the same way: the exchange runs
/// entirely on the client's ``EventLoop``, a thread of its own outside the pool. The caller
/// queues the connection's start on the loop and sleeps on a semaphore; the loop connects,
/// sends, reads, and signals the semaphore from its own thread. No step between the wait and the
/// signal needs a pool thread (no `Task`, no continuation resumed on the pool), so however many
/// callers block, the loop still finishes each exchange, or fails it at the request's deadline.
/// (Calling these on the loop thread itself would wait forever: never do that, e.g. from a
/// handler of a server that shares the client's loop.)
extension HTTPClient {
  /// Sends `request` and blocks the calling thread until the response arrives or the request's
  /// timeout passes.
  ///
  /// - Throws: ``HTTPError`` as ``send(_:)`` does.
  public func sendAndWait(_ request: HTTPClientRequest) throws(HTTPError) -> HTTPClientResponse {
    try scrapeAndWait(request).outcome.get()
  }

  /// Blocking form of ``scrape(_:)``: a timed, classified outcome. Never throws.
  public func scrapeAndWait(_ request: HTTPClientRequest) -> ScrapeResult {
    let startMillis = Self.unixMillis()
    let started = EventLoop.now()
    func result(_ outcome: Result<HTTPClientResponse, HTTPError>) -> ScrapeResult {
      ScrapeResult(
        startUnixMillis: startMillis, durationMicros: Self.micros(since: started), outcome: outcome)
    }
    let address: SocketAddress
    if let literal = SocketAddress(host: request.url.host, port: request.url.port) {
      address = literal
    } else {
      // getaddrinfo blocks this thread only; the loop is not involved yet.
      do {
        address = try SocketAddress.resolve(host: request.url.host, port: request.url.port)
      } catch {
        return result(.failure(error))
      }
    }
    let connection = ClientConnection(
      loop: loop, request: request, address: address, bytes: request.serialized(userAgent: userAgent),
      started: started, startMillis: startMillis, deadline: started &+ request.timeout.nanoseconds)
    let handoff = Handoff()
    connection.completion = { outcome in handoff.deliver(outcome) }
    guard loop.enqueue({ connection.start() }) else {
      return result(
        .failure(
          HTTPError(kind: .cancelled, operation: request.operation, message: "client is shut down")))
    }
    // The connection's own deadline timer ends the exchange at `request.timeout`; the extra
    // second only guards against a loop that stopped running timers, so a caller never hangs.
    let limit = DispatchTime.now() + .nanoseconds(Int(min(request.timeout.nanoseconds, UInt64(Int.max / 2))))
    if handoff.ready.wait(timeout: limit + .seconds(1)) == .timedOut {
      loop.enqueue { connection.cancel() }
      return result(
        .failure(
          HTTPError(
            kind: .readTimeout, operation: request.operation,
            message: "no answer from the event loop within \(HTTPClientRequest.seconds(request.timeout))s")))
    }
    return result(
      handoff.outcome.withLock { $0 } ?? .failure(.badResponse(request.operation, "no outcome")))
  }
}

/// Carries one exchange's outcome from the loop thread to the blocked caller.
private final class Handoff: Sendable {
  let outcome = Mutex<Result<HTTPClientResponse, HTTPError>?>(nil)
  let ready = DispatchSemaphore(value: 0)

  func deliver(_ result: Result<HTTPClientResponse, HTTPError>) {
    outcome.withLock { $0 = result }
    ready.signal()
  }
}
