import Glibc
public import HTTP
import PromQL

/// Prometheus's HTTP API (`/api/v1/...`, `/-/healthy`, `/-/ready`) over a ``ServedRecording``:
/// its parameters, status codes, JSON and quirks. ``respond(to:receivedAt:)`` is synchronous and
/// may take long (a query); ``APIServer`` runs it off the event loop.
public struct PrometheusAPI: Sendable {
  /// Limits and what the status endpoints report.
  public struct Configuration: Sendable {
    /// The longest a query may evaluate (Prometheus's `--query.timeout`, default 2m).
    public var queryTimeout: Duration = .seconds(120)
    /// The most samples a query may hold (Prometheus's `--query.max-samples`).
    public var maxSamples = 50_000_000
    /// The version `/api/v1/status/buildinfo` reports: one Grafana's feature detection accepts.
    public var version = "2.42.0"
    /// What rayrec itself is, for `revision` and `goVersion` of the build info.
    public var rayrecVersion = "0"
    /// The listen address, shown in the flags.
    public var listenAddress = "127.0.0.1:9090"
    /// How many queries run at once (shown in the flags; ``APIServer`` enforces it).
    public var maxConcurrency = 4
    /// When the server started (Unix ms), for the runtime info.
    public var startedAtMs: Int64 = 0
    /// Defaults.
    public init() {}
  }

  /// What is served.
  public let recording: ServedRecording
  /// Limits and reported settings.
  public let configuration: Configuration

  /// Serves `recording`.
  public init(recording: ServedRecording, configuration: Configuration = Configuration()) {
    self.recording = recording
    self.configuration = configuration
  }

  /// A handler's answer: the JSON `data`, or an error, with warnings; `noContent` for a 204.
  enum Outcome {
    case data([UInt8], warnings: [String] = [])
    case failure(APIError)
    case noContent
    case text(String, status: Int, contentType: String)
  }

  /// One request's inputs, as the routes see them.
  struct Call {
    var form: FormValues
    /// The path's `:name` parameter (label values).
    var name: String = ""
    var receivedAt: ContinuousClock.Instant
    var method: String
  }

  /// The endpoints, by path.
  enum Endpoint: String, CaseIterable {
    case query = "/api/v1/query"
    case queryRange = "/api/v1/query_range"
    case queryExemplars = "/api/v1/query_exemplars"
    case formatQuery = "/api/v1/format_query"
    case labels = "/api/v1/labels"
    case labelValues = "/api/v1/label/:name/values"
    case series = "/api/v1/series"
    case targets = "/api/v1/targets"
    case targetMetadata = "/api/v1/targets/metadata"
    case scrapePools = "/api/v1/scrape_pools"
    case alertmanagers = "/api/v1/alertmanagers"
    case metadata = "/api/v1/metadata"
    case config = "/api/v1/status/config"
    case runtimeInfo = "/api/v1/status/runtimeinfo"
    case buildInfo = "/api/v1/status/buildinfo"
    case flags = "/api/v1/status/flags"
    case tsdb = "/api/v1/status/tsdb"
    case walReplay = "/api/v1/status/walreplay"
    case rules = "/api/v1/rules"
    case alerts = "/api/v1/alerts"
    case healthy = "/-/healthy"
    case ready = "/-/ready"

    /// The methods Prometheus registers for it (others get 405).
    var methods: Set<String> {
      switch self {
      case .query, .queryRange, .queryExemplars, .formatQuery, .labels, .series: ["GET", "POST"]
      case .healthy, .ready: ["GET", "HEAD"]
      default: ["GET"]
      }
    }
  }

  func run(_ endpoint: Endpoint, _ call: Call) -> Outcome {
    switch endpoint {
    case .query: query(call)
    case .queryRange: queryRange(call)
    case .queryExemplars: queryExemplars(call)
    case .formatQuery: formatQuery(call)
    case .labels: labelNames(call)
    case .labelValues: labelValues(call)
    case .series: series(call)
    case .targets: targets(call)
    case .targetMetadata: targetMetadata(call)
    case .scrapePools: scrapePools(call)
    case .alertmanagers: alertmanagers()
    case .metadata: metadata(call)
    case .config: config()
    case .runtimeInfo: runtimeInfo()
    case .buildInfo: buildInfo()
    case .flags: flags()
    case .tsdb: tsdbStatus()
    case .walReplay: walReplay()
    case .rules: rules(call)
    case .alerts: alerts(call)
    case .healthy:
      .text("Prometheus Server is Healthy.\n", status: 200, contentType: "text/plain; charset=utf-8")
    case .ready: .text("Prometheus Server is Ready.\n", status: 200, contentType: "text/plain; charset=utf-8")
    }
  }

  /// Whether `request` is cheap enough to answer on the event loop (health checks, errors of
  /// routing); everything else goes to the query workers.
  public static func isCheap(_ request: HTTPRequest) -> Bool {
    let path = request.path
    return path == "/-/healthy" || path == "/-/ready" || !(path.hasPrefix("/api/v1/") || path == "/")
  }

  /// Answers one request. `receivedAt` starts the query timeout (time queued counts, as in
  /// Prometheus, where the timeout covers the wait for a query slot).
  public func respond(to request: HTTPRequest, receivedAt: ContinuousClock.Instant = .now) -> HTTPResponse {
    var response = route(request, receivedAt: receivedAt)
    if let origin = request.headers["Origin"] {
      response.headers.append(
        name: "Access-Control-Allow-Headers", value: "Accept, Authorization, Content-Type, Origin")
      response.headers.append(name: "Access-Control-Allow-Methods", value: "GET, POST, OPTIONS")
      response.headers.append(name: "Access-Control-Allow-Origin", value: origin)
      response.headers.append(name: "Access-Control-Expose-Headers", value: "Date")
    }
    if !response.body.isEmpty, request.path.hasPrefix("/api/"), PrometheusAPI.acceptsGzip(request) {
      response.body = Gzip.compress(response.body, level: 1)
      response.headers.append(name: "Content-Encoding", value: "gzip")
      response.headers.append(name: "Vary", value: "Accept-Encoding")
    }
    return response
  }

  private func route(_ request: HTTPRequest, receivedAt: ContinuousClock.Instant) -> HTTPResponse {
    let path = String(request.path)
    var name = ""
    var endpoint = Endpoint(rawValue: path)
    if endpoint == nil || endpoint == .labelValues, path.hasPrefix("/api/v1/label/"),
      path.hasSuffix("/values")
    {
      let middle = path.dropFirst("/api/v1/label/".count).dropLast("/values".count)
      if !middle.isEmpty, !middle.contains("/") {
        name = FormValues.decode(middle) ?? String(middle)
        endpoint = .labelValues
      }
    }
    guard let endpoint else {
      if request.method == "OPTIONS", path.hasPrefix("/api/v1/") { return HTTPResponse(status: 204) }
      return .text("404 page not found\n", status: 404)
    }
    if request.method == "OPTIONS" { return HTTPResponse(status: 204) }
    guard endpoint.methods.contains(request.method) else {
      return .text("Method Not Allowed\n", status: 405)
    }
    let form = FormValues(
      query: request.query, body: request.body, contentType: request.headers["Content-Type"])
    let call = Call(form: form, name: name, receivedAt: receivedAt, method: request.method)
    switch run(endpoint, call) {
    case .data(let data, let warnings):
      var out = JSONWriter(capacity: data.count + 64)
      out.beginObject()
      out.key("status")
      out.string("success")
      out.key("data")
      out.raw(data)
      if !warnings.isEmpty {
        out.key("warnings")
        out.stringArray(warnings)
      }
      out.endObject()
      return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: out.bytes)
    case .failure(let error):
      return HTTPResponse(
        status: error.kind.status, headers: ["Content-Type": "application/json"], body: error.json)
    case .noContent:
      return HTTPResponse(status: 204)
    case .text(let text, let status, let contentType):
      return HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }
  }

  /// True when `Accept-Encoding` lists gzip without `q=0`.
  static func acceptsGzip(_ request: HTTPRequest) -> Bool {
    for value in request.headers.values(for: "Accept-Encoding") {
      for part in value.split(separator: ",") {
        let pieces = part.split(separator: ";").map { $0.trimmingSpaces.lowercased() }
        guard let coding = pieces.first, coding == "gzip" || coding == "*" else { continue }
        if !pieces.dropFirst().contains(where: { $0.hasPrefix("q=0") && Double($0.dropFirst(2)) == 0 }) {
          return true
        }
      }
    }
    return false
  }
}
