import Dashboards
import Dispatch
import Foundation
import FoundationNetworking
public import PromQL
import Synchronization

/// Sends the assertions' queries to a live Prometheus's HTTP API (`/api/v1/query`,
/// `/api/v1/query_range`), so the same tests run against a replay scraped by a real server.
public struct PrometheusBackend: QueryBackend {
  /// The base URL, e.g. `http://127.0.0.1:9090`.
  public let name: String
  public let startMs: Int64
  public let endMs: Int64
  public let scrapeIntervalMs: Int64
  /// How long one request may take.
  public var timeout: Duration = .seconds(30)

  /// A backend over the last `window` before now.
  public init(url: String, window: Duration = .minutes(15), scrapeInterval: Duration = .seconds(15)) throws {
    guard URL(string: url)?.scheme != nil else { throw RecordingError("invalid Prometheus URL \(url)") }
    name = url.hasSuffix("/") ? String(url.dropLast()) : url
    endMs = Int64(Date().timeIntervalSince1970 * 1000)
    startMs = endMs - window.milliseconds
    scrapeIntervalMs = scrapeInterval.milliseconds
  }

  public var engine: Engine? { nil }

  /// `the last 15m of http://127.0.0.1:9090 before the test started`.
  public var wholeDescription: String {
    "the last \(Sparkline.duration(endMs - startMs)) of \(name) before the test started"
  }

  public func instantQuery(_ query: String, at time: Int64) throws -> Value {
    let data = try get(
      "/api/v1/query",
      [
        "query": query, "time": PrometheusBackend.seconds(time), "timeout": PrometheusBackend.queryTimeout,
      ])
    return try PrometheusBackend.decode(data)
  }

  public func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws -> [Series] {
    let data = try get(
      "/api/v1/query_range",
      [
        "query": query, "start": PrometheusBackend.seconds(start), "end": PrometheusBackend.seconds(end),
        "step": PrometheusBackend.seconds(step), "timeout": PrometheusBackend.queryTimeout,
      ])
    switch try PrometheusBackend.decode(data) {
    case .matrix(let series): return series
    default: throw RecordingError("\(name): query_range did not return a matrix")
    }
  }

  static func seconds(_ ms: Int64) -> String { String(format: "%.3f", Double(ms) / 1000) }

  /// The running test's ``QueryLimits`` timeout as the API's `timeout` parameter (the server's
  /// own `--query.timeout` still applies when it is shorter; its sample limit is its own).
  static var queryTimeout: String { seconds(QueryLimits.current.timeout.milliseconds) }

  /// A blocking GET: assertions are synchronous, and URLSession completes on its own queue.
  func get(_ path: String, _ parameters: [String: String]) throws -> [UInt8] {
    guard var components = URLComponents(string: name + path) else {
      throw RecordingError("invalid URL \(name)")
    }
    components.queryItems = parameters.sorted { $0.key < $1.key }.map {
      URLQueryItem(name: $0.key, value: $0.value)
    }
    guard let url = components.url else { throw RecordingError("invalid URL \(name)\(path)") }
    var request = URLRequest(url: url)
    request.timeoutInterval = Double(timeout.milliseconds) / 1000
    let box = Mutex<Result<[UInt8], RecordingError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    let task = URLSession.shared.dataTask(with: request) { data, response, error in
      let status = (response as? HTTPURLResponse)?.statusCode ?? 0
      let result: Result<[UInt8], RecordingError>
      if let error {
        result = .failure(RecordingError("\(url): \(error.localizedDescription)"))
      } else if let data, status == 200 || status == 400 || status == 422 || status == 503 {
        result = .success(Array(data))
      } else {
        result = .failure(RecordingError("\(url): HTTP \(status)"))
      }
      box.withLock { $0 = result }
      done.signal()
    }
    task.resume()
    done.wait()
    guard let result = box.withLock({ $0 }) else { throw RecordingError("\(url): no response") }
    return try result.get()
  }

  /// Decodes a Prometheus API response into a value (errors become ``RecordingError``).
  public static func decode(_ bytes: [UInt8]) throws -> Value {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw RecordingError("Prometheus answered invalid JSON: \(error)")
    }
    guard json["status"]?.string == "success", let data = json["data"] else {
      throw EvaluationError(json["error"]?.string ?? "Prometheus returned an error")
    }
    func labels(_ metric: JSONValue?) -> Labels {
      guard case .object(let members)? = metric else { return .empty }
      return Labels(members.compactMap { k, v in v.string.map { (name: k, value: $0) } })
    }
    func point(_ pair: JSONValue?) -> (Int64, Double)? {
      guard let items = pair?.array, items.count == 2, let t = items[0].number, let text = items[1].string
      else { return nil }
      let value: Double
      switch text {
      case "NaN": value = .nan
      case "+Inf": value = .infinity
      case "-Inf": value = -.infinity
      default: value = Double(text) ?? .nan
      }
      return (Int64((t * 1000).rounded()), value)
    }
    let result = data["result"]
    switch data["resultType"]?.string {
    case "scalar": return .scalar(point(result)?.1 ?? .nan)
    case "string": return .string(result?.array?.last?.string ?? "")
    case "vector":
      return .vector(
        (result?.array ?? []).compactMap { item in
          point(item["value"]).map {
            VectorSample(labels: labels(item["metric"]), value: $0.1, timestamp: $0.0)
          }
        })
    case "matrix":
      return .matrix(
        (result?.array ?? []).map { item in
          let points = (item["values"]?.array ?? []).compactMap { point($0) }
          return Series(labels: labels(item["metric"]), timestamps: points.map(\.0), values: points.map(\.1))
        })
    default: throw RecordingError("Prometheus answered an unknown result type")
    }
  }
}
