import Archive
import Foundation
import HTTP
import PromAPI
import SeriesStore
import Testing

/// The requests Grafana's Prometheus data source sends (`scripts/grafana-requests.json`), asked of
/// the shipped Ray recording: each is answered, with data where the recording has it.
/// `scripts/e2e-serve` asks the same list of a real Prometheus and compares the answers.
@Suite(.timeLimit(.minutes(1))) struct GrafanaRequestsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Request: CustomTestStringConvertible, Sendable {
    var what: String
    var method: String
    var path: String
    var params: [(String, String)]
    var compare: String
    var testDescription: String { what }
  }

  static let requests: [Request] = {
    let url = root.appendingPathComponent("scripts/grafana-requests.json")
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let list = object["requests"] as? [[String: Any]]
    else { return [] }
    return list.map { entry in
      let params = (entry["params"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }
      return Request(
        what: entry["what"] as? String ?? "", method: entry["method"] as? String ?? "GET",
        path: entry["path"] as? String ?? "", params: params, compare: entry["compare"] as? String ?? "")
    }
  }()

  static let api = Result { () throws -> PrometheusAPI in
    let reader = try ArchiveReader(
      path: root.appendingPathComponent("recordings/ray-2.60-workload.rayrec").path)
    return PrometheusAPI(recording: try ServedRecording(sources: [.init(reader: reader)], options: .init()))
  }

  /// Prometheus 2.42's answers to the list, as `GOLDEN_OUT=... scripts/e2e-serve` wrote them.
  /// Each answer in ``canonical(_:)`` form, and the names of a string-list answer.
  static let prometheusAnswers: [String: (canonical: String, names: [String]?)] = {
    let url = root.appendingPathComponent("scripts/grafana-prometheus-answers.json")
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let answers = object["answers"] as? [String: Any]
    else { return [:] }
    return answers.mapValues { ($0 as? [String: Any] ?? [:]) }.mapValues {
      (canonical($0), $0["data"] as? [String])
    }
  }()

  /// The recording read as the backfilled Prometheus holds it: Prometheus 2 semantics, no
  /// staleness markers.
  static let prometheusLike = Result { () throws -> PrometheusAPI in
    let reader = try ArchiveReader(
      path: root.appendingPathComponent("recordings/ray-2.60-workload.rayrec").path)
    var options = ServedRecording.Options()
    options.prometheus2 = true
    options.store = .prometheus2
    options.store.staleness = false
    return PrometheusAPI(recording: try ServedRecording(sources: [.init(reader: reader)], options: options))
  }

  /// `rayrec export` writes no such series, so the backfilled Prometheus never had them.
  static let notExported: Set<String> = ["scrape_samples_post_metric_relabeling", "scrape_series_added"]

  /// An order-insensitive text form: arrays sorted (sample points kept in order), numbers to 12
  /// significant digits.
  static func canonical(_ value: Any) -> String {
    switch value {
    case let object as [String: Any]:
      return "{" + object.keys.sorted().map { "\($0):\(canonical(object[$0] ?? ""))" }.joined(separator: ",")
        + "}"
    case let array as [Any]:
      if array.count == 2, array[0] is NSNumber, array[1] is String {
        return "[\(canonical(array[0])),\(canonical(array[1]))]"
      }
      return "[" + array.map(canonical).sorted().joined(separator: ",") + "]"
    case let text as String:
      if let number = Double(text), number.isFinite { return String(format: "%.12g", number) }
      return "\"\(text)\""
    case let number as NSNumber:
      return String(format: "%.12g", number.doubleValue)
    default:
      return "\(value)"
    }
  }

  @Test func theListIsThere() {
    #expect(Self.requests.count >= 20)
  }

  @Test(arguments: requests) func grafanasRequestIsAnswered(_ request: Request) throws {
    let api = try Self.api.get()
    try check(request, api) { _ in }
  }

  @Test(arguments: requests.filter { $0.compare == "exact" })
  func grafanasRequestIsAnsweredAsPrometheusAnswered(_ request: Request) throws {
    let expected = try #require(Self.prometheusAnswers[request.what], "no recorded answer")
    try check(request, try Self.prometheusLike.get()) { json in
      var json = json
      if let theirs = expected.names, let ours = json["data"] as? [String] {
        json["data"] = ours.filter { !Self.notExported.contains($0) || theirs.contains($0) }
      }
      #expect(Self.canonical(json) == expected.canonical)
    }
  }

  func check(_ request: Request, _ api: PrometheusAPI, _ compare: ([String: Any]) -> Void) throws {
    let times = [
      "${start}": String(api.recording.startMs / 1000 + 1), "${end}": String(api.recording.endMs / 1000),
      "${mid}": String((api.recording.startMs + api.recording.endMs) / 2000),
    ]
    let form = request.params.map { name, value in
      var value = value
      for (key, time) in times { value = value.replacingOccurrences(of: key, with: time) }
      let allowed = CharacterSet.alphanumerics
      return (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
        + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
    }.joined(separator: "&")
    let http: HTTPRequest =
      request.method == "POST"
      ? HTTPRequest(
        method: "POST", target: request.path,
        headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8))
      : HTTPRequest(method: "GET", target: form.isEmpty ? request.path : request.path + "?" + form)
    let response = api.respond(to: http)
    #expect(response.status == 200)
    let json = Fixture.json(response.body)
    #expect(json["status"] as? String == "success")
    compare(json)
    guard request.compare == "exact", !request.path.hasSuffix("query_exemplars") else { return }
    // Every exact-compared request reads metrics the recording has: none comes back empty.
    let data = json["data"]
    let empty =
      (data as? [Any])?.isEmpty ?? ((data as? [String: Any])?["result"] as? [Any])?.isEmpty ?? false
    #expect(
      !empty, "\(request.path) \(form) answered \(String(decoding: response.body.prefix(200), as: UTF8.self))"
    )
  }
}
