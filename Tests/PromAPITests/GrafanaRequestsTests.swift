import Archive
import Foundation
import HTTP
import PromAPI
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

  @Test func theListIsThere() {
    #expect(Self.requests.count >= 20)
  }

  @Test(arguments: requests) func grafanasRequestIsAnswered(_ request: Request) throws {
    let api = try Self.api.get()
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
