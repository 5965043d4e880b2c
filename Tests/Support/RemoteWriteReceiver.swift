public import HTTP
import PromQL
public import RemoteWrite
import Synchronization

/// A remote write receiver on 127.0.0.1 for tests, built on rayrec's HTTP server: it decodes
/// every request (snappy, then protobuf), keeps it, and answers as its script says, so a test
/// can play a receiver that fails, stalls or hangs up, and check what arrived.
public final class RemoteWriteReceiver: Sendable {
  /// How to answer one request.
  public enum Reply: Sendable {
    /// A status with a body (and headers such as `Retry-After`); 204 for success.
    case status(Int, body: String = "", headers: HTTPHeaders = [:])
    /// Close the connection without answering (a TCP reset).
    case hangUp
    /// Never answer: the client's timeout has to end the exchange.
    case stall
  }

  /// One request as it arrived.
  public struct Received: Sendable {
    /// The request's headers.
    public var headers: HTTPHeaders
    /// The snappy body as sent.
    public var body: [UInt8]
    /// The decoded request; nil when the body did not decode (with why in `error`).
    public var request: WriteRequest?
    public var error: String?
    /// What the receiver answered.
    public var reply: Reply
    /// Whether that answer told the sender the request was stored (a 2xx).
    public var acknowledged: Bool {
      if case .status(let code, _, _) = reply { return (200..<300).contains(code) }
      return false
    }
  }

  /// What the handler (on the server's loop) and the test share.
  private final class Log: Sendable {
    let entries = Mutex<[Received]>([])
    /// Stalled requests' responders, kept so their connections stay open unanswered.
    let held = Mutex<[HTTPResponder]>([])
  }

  private let server: HTTPServer
  private let log = Log()
  /// The port it listens on.
  public let port: UInt16

  /// Starts a receiver on 127.0.0.1 (a port of its own); `script` is asked, for the n-th
  /// request (0-based) and what it decoded, how to answer.
  public init(_ script: @escaping @Sendable (Int, WriteRequest?) -> Reply = { _, _ in .status(204) }) throws {
    let log = log
    var configuration = HTTPServer.Configuration()
    configuration.maxBodyBytes = 16 << 20
    server = try HTTPServer(
      configuration: configuration,
      handler: HTTPHandlerClosure { request, context in
        var decoded: WriteRequest?
        var error: String?
        do {
          decoded = try WriteRequest(decoding: try Snappy.decompress(request.body))
        } catch let failure {
          error = "\(failure)"
        }
        let reply = log.entries.withLock { entries in
          let reply = script(entries.count, decoded)
          entries.append(
            Received(
              headers: request.headers, body: request.body, request: decoded, error: error, reply: reply))
          return reply
        }
        switch reply {
        case .status(let code, let body, let headers):
          return .response(HTTPResponse(status: code, headers: headers, body: Array(body.utf8)))
        case .hangUp:
          return .close(reset: true)
        case .stall:
          log.held.withLock { $0.append(context.responder()) }
          return .deferred
        }
      })
    let bound = try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])
    port = bound[0].address.port
  }

  /// `http://127.0.0.1:PORT/api/v1/write`.
  public var url: String { "http://127.0.0.1:\(port)/api/v1/write" }

  /// Every request so far, in arrival order.
  public var received: [Received] { log.entries.withLock { $0 } }

  /// The samples of the acknowledged requests, per series (labels as text), in arrival order.
  public var acknowledgedSamples: [String: [TimeSeries.Sample]] {
    var out: [String: [TimeSeries.Sample]] = [:]
    for entry in received where entry.acknowledged {
      for series in entry.request?.timeseries ?? [] {
        let key = series.labels.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        out[key, default: []] += series.samples
      }
    }
    return out
  }

  /// Stops listening and closes every connection (stalled ones included).
  public func stop() async {
    log.held.withLock { $0.removeAll() }
    await server.stop()
  }
}
