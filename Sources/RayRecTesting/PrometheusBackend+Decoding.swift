import Basics
import Dashboards
public import PromQL

extension PrometheusBackend {
  /// Decodes a Prometheus API response into a value (errors become ``RecordingError``).
  public static func decode(_ bytes: [UInt8]) throws -> Value {
    let data = try payload(bytes)
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

  /// Decodes an `/api/v1/series` response: one label set per series.
  public static func decodeSeries(_ bytes: [UInt8]) throws -> [Labels] {
    guard let items = try payload(bytes).array else {
      throw RecordingError("Prometheus answered /api/v1/series without a list")
    }
    return items.map { item in
      guard case .object(let members) = item else { return .empty }
      return Labels(members.compactMap { k, v in v.string.map { (name: k, value: $0) } })
    }
  }

  /// The `data` of a successful response; the API's error text as an ``EvaluationError``.
  static func payload(_ bytes: [UInt8]) throws -> JSONValue {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw RecordingError("Prometheus answered invalid JSON: \(error)")
    }
    guard json["status"]?.string == "success", let data = json["data"] else {
      throw EvaluationError(json["error"]?.string ?? "Prometheus returned an error")
    }
    return data
  }
}
