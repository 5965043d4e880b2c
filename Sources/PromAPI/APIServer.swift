public import HTTP

/// ``PrometheusAPI`` on the HTTP server: health checks answered on the event loop, every other
/// request on a bounded pool of query threads, so slow queries and slow clients never hold the
/// loop and at most `maxConcurrency` requests evaluate at once.
public final class APIServer: Sendable {
  /// The API answered.
  public let api: PrometheusAPI
  private let pool: QueryPool
  private let server: HTTPServer

  /// Limits of the HTTP layer suited to the API: long query strings in GET requests (Grafana's
  /// label browser), form bodies of large queries.
  public static var httpConfiguration: HTTPServer.Configuration {
    var configuration = HTTPServer.Configuration()
    configuration.maxRequestLine = 256 * 1024
    configuration.maxHeadBytes = 1024 * 1024
    configuration.maxBodyBytes = 8 * 1024 * 1024
    configuration.requestTimeout = .seconds(30)
    configuration.idleTimeout = .seconds(300)
    return configuration
  }

  /// A server for `api`; `maxQueued` requests may wait for a query thread, more get 503.
  public init(
    api: PrometheusAPI, maxQueued: Int = 1024,
    httpConfiguration: HTTPServer.Configuration = APIServer.httpConfiguration
  ) throws(HTTPError) {
    self.api = api
    let pool = QueryPool(workers: api.configuration.maxConcurrency, maxQueued: maxQueued)
    self.pool = pool
    server = try HTTPServer(
      configuration: httpConfiguration, handler: Handler(api: api, pool: pool))
  }

  /// Opens the listener; returns the bound address (the kernel's port for port 0).
  public func start(_ address: SocketAddress) throws(HTTPError) -> SocketAddress {
    try server.addListener(address).address
  }

  /// Closes the listeners and connections, and lets the query threads go.
  public func stop() async {
    await server.stop()
    pool.stop()
  }

  private struct Handler: HTTPHandler {
    let api: PrometheusAPI
    let pool: QueryPool

    func handle(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPReply {
      let received = ContinuousClock.now
      if PrometheusAPI.isCheap(request) { return .response(api.respond(to: request, receivedAt: received)) }
      let responder = context.responder()
      let api = api
      let accepted = pool.submit {
        responder.respond(.response(api.respond(to: request, receivedAt: received)))
      }
      if accepted { return .deferred }
      let error = APIError(.unavailable, "too many queries waiting; try again later")
      return .response(
        HTTPResponse(status: 503, headers: ["Content-Type": "application/json"], body: error.json))
    }
  }
}
