import Archive
import Foundation
import HTTP
import PromAPI
import PromQL
import Rules

/// A small recording served through the API: two targets scraped every 5 s for two minutes.
enum Fixture {
  static let t0: Int64 = 1_795_608_000_000
  static let seconds = 120

  static func body(at second: Int, target: UInt32) -> String {
    var text = """
      # HELP ray_tasks Tasks by state.
      # TYPE ray_tasks gauge
      ray_tasks{State="RUNNING"} \(second / 5 + Int(target))
      ray_tasks{State="FINISHED"} \(second * 2)
      # HELP ray_requests_total Requests served.
      # TYPE ray_requests_total counter
      ray_requests_total{code="200"} \(second * 10)

      """
    if target == 2 {
      text += "# TYPE ray_node_mem_used gauge\n# UNIT ray_node_mem_used bytes\nray_node_mem_used 1e9\n"
    }
    return text
  }

  static func archive() throws -> ArchiveReader {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-promapi-\(UUID().uuidString).rayrec"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let targets = [
      ArchiveTarget(id: 1, url: "http://127.0.0.1:8080/metrics", job: "ray", intervalMs: 5000),
      ArchiveTarget(id: 2, url: "http://127.0.0.1:44217/metrics", job: "ray", intervalMs: 5000),
    ]
    let writer = try ArchiveWriter(
      path: path, header: ArchiveHeader(createdMs: t0, recorderVersion: "t", targets: targets))
    for second in stride(from: 0, through: seconds, by: 5) {
      for target: UInt32 in [1, 2] {
        if target == 2 && second == seconds {
          try writer.append(
            Frame(
              targetID: 2, timeMs: t0 + Int64(second) * 1000,
              outcome: .failed(.refused, message: "connection refused")))
          continue
        }
        try writer.append(
          Frame(
            targetID: target, timeMs: t0 + Int64(second) * 1000 + Int64(target), durationMicros: 1500,
            outcome: .response(status: 200), contentType: "text/plain; version=0.0.4",
            body: Array(body(at: second, target: target).utf8)))
      }
    }
    try writer.close()
    return try ArchiveReader(path: path)
  }

  static let rules = """
    groups:
    - name: ray
      interval: 15s
      rules:
      - record: job:ray_tasks:sum
        expr: sum by (job) (ray_tasks)
      - alert: ManyTasks
        expr: sum(ray_tasks) > 100
        for: 30s
        labels: {severity: page}
        annotations: {summary: "{{ $value }} tasks"}
    """

  static func api(rules: Bool = false, configure: (inout PrometheusAPI.Configuration) -> Void = { _ in })
    throws
    -> PrometheusAPI
  {
    var options = ServedRecording.Options()
    if rules { options.ruleFiles = [try RuleFile.parse(Fixture.rules, path: "ray.yml")] }
    let recording = try ServedRecording(sources: [.init(reader: try archive())], options: options)
    var configuration = PrometheusAPI.Configuration()
    configure(&configuration)
    return PrometheusAPI(recording: recording, configuration: configuration)
  }

  /// The time `second` seconds into the recording, as the API's unix seconds.
  static func at(_ second: Int) -> String { String(Double(t0) / 1000 + Double(second)) }

  static func json(_ bytes: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
  }
}

extension PrometheusAPI {
  /// Answers `target` (GET, or POST with a form `body`), decoded.
  func call(_ target: String, method: String = "GET", body: String? = nil, headers: HTTPHeaders = [:])
    -> (status: Int, json: [String: Any], text: String, response: HTTPResponse)
  {
    var headers = headers
    if body != nil { headers.append(name: "Content-Type", value: "application/x-www-form-urlencoded") }
    let response = respond(
      to: HTTPRequest(
        method: body == nil ? method : "POST", target: target, headers: headers,
        body: Array((body ?? "").utf8)))
    return (
      response.status, Fixture.json(response.body), String(decoding: response.body, as: UTF8.self), response
    )
  }
}
