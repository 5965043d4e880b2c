import PromQL
import Testing

/// Shared data for the evaluator tests: `http_requests_total` counters for two instances every
/// minute for 10 minutes, a gauge that goes stale at 5m, an info metric and classic buckets.
enum EngineFixture {
  static let minute: Int64 = 60_000

  static let engine: Engine = {
    func series(_ labels: [String: String], _ values: [Double], step: Int64 = minute) -> Series {
      Series(labels: Labels(labels), timestamps: values.indices.map { Int64($0) * step }, values: values)
    }
    return Engine(
      storage: InMemoryStorage([
        series(
          ["__name__": "http_requests_total", "job": "api", "instance": "a"], (0...10).map { Double($0) * 60 }
        ),
        series(
          ["__name__": "http_requests_total", "job": "api", "instance": "b"],
          (0...10).map { Double($0) * 120 }),
        series(["__name__": "temperature", "room": "x"], [20, 21, 22, 23, 24, StaleMarker.value]),
        series(["__name__": "info", "instance": "a", "version": "1"], [1]),
        series(["__name__": "latency_bucket", "le": "0.1"], [0, 50]),
        series(["__name__": "latency_bucket", "le": "0.5"], [0, 90]),
        series(["__name__": "latency_bucket", "le": "+Inf"], [0, 100]),
      ]))
  }()

  static func query(_ text: String, at time: Int64 = 10 * minute) throws -> Value {
    try engine.instantQuery(text, at: time)
  }

  static func values(_ text: String, at time: Int64 = 10 * minute) throws -> [String: Double] {
    guard case .vector(let samples) = try query(text, at: time) else { return [:] }
    return Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.value) })
  }

}

extension EngineFixture {
  static func approximately(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }
}

extension EngineFixture {
  /// `histogram_quantile` over hand-made buckets, through the public API.
  static func bucketQuantile(_ q: Double, _ buckets: [(upper: Double, count: Double)]) -> Double {
    let series = buckets.map { bucket in
      Series(
        labels: Labels(["__name__": "b", "le": bucket.upper == .infinity ? "+Inf" : "\(bucket.upper)"]),
        timestamps: [0], values: [bucket.count])
    }
    let engine = Engine(storage: InMemoryStorage(series))
    guard case .vector(let samples)? = try? engine.instantQuery("histogram_quantile(\(q), b)", at: 0),
      let first = samples.first
    else { return .nan }
    return first.value
  }
}
