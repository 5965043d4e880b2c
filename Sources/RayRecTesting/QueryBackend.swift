public import Dashboards
public import PromQL

/// Where assertions send PromQL: a recording evaluated in-process, or a Prometheus HTTP API
/// (`rayrec serve`, or a real Prometheus). This is the seam a suite-scoped `rayrec replay` trait
/// would plug into: start the replay, point a Prometheus at it, and hand `PrometheusBackend` to
/// ``Recording/init(backend:)``.
public protocol QueryBackend: Sendable {
  /// What the assertions run against, for messages (`recordings/x.rayrec`, `http://...`).
  var name: String { get }
  /// The span the data covers (unix ms).
  var startMs: Int64 { get }
  var endMs: Int64 { get }
  /// The scrape interval, the default step of window checks (ms).
  var scrapeIntervalMs: Int64 { get }
  /// An instant query, like `/api/v1/query`.
  func instantQuery(_ query: String, at time: Int64) throws -> Value
  /// A range query, like `/api/v1/query_range`.
  func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws -> [Series]
  /// Where dashboard checks and no-data explanations send parsed queries and series lookups:
  /// the engine in-process, the API over HTTP.
  var service: any QueryService { get }
  /// The engine over the data, when there is one in-process (nil over HTTP).
  var engine: Engine? { get }
  /// What `.whole` covers, for messages: `the whole recording`, or `the last 15m of ...`.
  var wholeDescription: String { get }
}

extension QueryBackend {
  /// `the whole recording`.
  public var wholeDescription: String { "the whole recording" }
}
