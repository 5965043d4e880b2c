import Dashboards
import Foundation
import HTTP
public import PromQL

/// Sends the assertions' queries to a Prometheus HTTP API (`/api/v1/query`,
/// `/api/v1/query_range`, `/api/v1/series`): `rayrec serve`, or a real Prometheus scraping a
/// replay, so the same tests, dashboard checks included, run over HTTP as in-process.
public struct PrometheusBackend: QueryBackend {
  /// The base URL, e.g. `http://127.0.0.1:9090`.
  public let name: String
  public let startMs: Int64
  public let endMs: Int64
  public let scrapeIntervalMs: Int64
  /// How long one request may take.
  public var timeout: Duration = .seconds(30)
  /// `name` parsed; requests go to its path plus the API's.
  let base: HTTPURL
  /// What `.whole` covers, for messages.
  public internal(set) var wholeDescription: String

  /// A backend over the last `window` before now.
  public init(url: String, window: Duration = .minutes(15), scrapeInterval: Duration = .seconds(15)) throws {
    let end = Int64(Date().timeIntervalSince1970 * 1000)
    try self.init(url: url, startMs: end - window.milliseconds, endMs: end, scrapeInterval: scrapeInterval)
    wholeDescription = "the last \(Sparkline.duration(endMs - startMs)) of \(name) before the test started"
  }

  /// A backend over a fixed span (unix ms), such as the recording `rayrec serve` serves.
  public init(url: String, startMs: Int64, endMs: Int64, scrapeInterval: Duration = .seconds(15)) throws {
    name = url.hasSuffix("/") ? String(url.dropLast()) : url
    do {
      base = try HTTPURL(parsing: name)
    } catch {
      throw RecordingError("invalid Prometheus URL \(url): \(error.message)")
    }
    self.startMs = startMs
    self.endMs = endMs
    scrapeIntervalMs = scrapeInterval.milliseconds
    wholeDescription = "\(Sparkline.time(startMs)) to \(Sparkline.time(endMs)) of \(name)"
  }

  /// Over HTTP there is no engine in this process.
  public var engine: Engine? { nil }

  /// The backend itself: its queries go over HTTP.
  public var service: any QueryService { self }

  public func instantQuery(_ query: String, at time: Int64) throws -> Value {
    let data = try post(
      "/api/v1/query",
      [
        ("query", query), ("time", PrometheusBackend.seconds(time)),
        ("timeout", PrometheusBackend.queryTimeout),
      ])
    return try PrometheusBackend.decode(data)
  }

  public func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws -> [Series] {
    let data = try post(
      "/api/v1/query_range",
      [
        ("query", query), ("start", PrometheusBackend.seconds(start)),
        ("end", PrometheusBackend.seconds(end)),
        ("step", PrometheusBackend.seconds(step)), ("timeout", PrometheusBackend.queryTimeout),
      ])
    switch try PrometheusBackend.decode(data) {
    case .matrix(let series): return series
    default: throw RecordingError("\(name): query_range did not return a matrix")
    }
  }

  /// `value` percent-encoded for a query string: everything but RFC 3986's unreserved bytes.
  static func formEncoded(_ value: String) -> String { VariableFormat.percentEncode(value, keep: "-._~") }

  static func seconds(_ ms: Int64) -> String { String(format: "%.3f", Double(ms) / 1000) }

  /// The running test's ``QueryLimits`` timeout as the API's `timeout` parameter (the server's
  /// own `--query.timeout` still applies when it is shorter; its sample limit is its own).
  static var queryTimeout: String { seconds(QueryLimits.current.timeout.milliseconds) }

  /// One process-wide client: its event loop is one thread, shared by every backend and suite.
  static let client = Result { () throws(HTTPError) in try HTTPClient() }

  /// A blocking request of the API: assertions are synchronous. It waits on the client's own
  /// event-loop thread, never on the cooperative pool, so it cannot deadlock a test run however
  /// many tests block at once (see ``HTTP/HTTPClient/sendAndWait(_:)``).
  ///
  /// The parameters go as a POST form, as Grafana's data source sends them (Prometheus takes
  /// both): a long query (a dashboard's, with every variable value) never meets a server's limit
  /// on the request line.
  func post(_ path: String, _ parameters: [(String, String)]) throws -> [UInt8] {
    let form = parameters.map { Self.formEncoded($0.0) + "=" + Self.formEncoded($0.1) }.joined(
      separator: "&")
    let prefix = base.target.hasSuffix("/") ? String(base.target.dropLast()) : base.target
    var url = base
    url.target = prefix + path
    var request = HTTPClientRequest(url: url, timeout: timeout)
    request.method = "POST"
    request.sendsScrapeHeaders = false
    request.extraHeaders = [
      "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded",
    ]
    request.body = Array(form.utf8)
    let response: HTTPClientResponse
    do {
      response = try Self.client.get().sendAndWait(request)
    } catch {
      throw RecordingError("\(name)\(path): \(error)")
    }
    // Prometheus answers query errors with a JSON body and one of these codes.
    guard [200, 400, 422, 503].contains(response.status) else {
      throw RecordingError("\(name)\(path): HTTP \(response.status)")
    }
    return response.body
  }
}
