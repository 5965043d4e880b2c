import Foundation
import HTTP
import PromAPI
import PromQL
import Testing

/// The endpoints' parameters, answers and errors, through ``PrometheusAPI/respond(to:receivedAt:)``.
@Suite(.timeLimit(.minutes(1))) struct PrometheusAPITests {
  static let shared = Result { try Fixture.api(rules: true) }
  var api: PrometheusAPI { get throws { try Self.shared.get() } }

  /// One request and what Prometheus answers to it: status, and `errorType`/`error` for errors.
  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var target: String
    var status: Int
    var type: String
    var message: String
    var method = "GET"
    var testDescription: String { "\(method) \(target)" }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      target: "/api/v1/query?query=sum(", status: 400, type: "bad_data",
      message: "invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"),
    ErrorCase(
      target: "/api/v1/query?query=up&time=yesterday", status: 400, type: "bad_data",
      message:
        "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"yesterday\" to a valid timestamp"
    ),
    ErrorCase(
      target: "/api/v1/query_range?query=up&start=&end=10&step=1", status: 400, type: "bad_data",
      message: "invalid parameter \"start\": cannot parse \"\" to a valid timestamp"),
    ErrorCase(
      target: "/api/v1/query_range?query=up&start=10&end=5&step=1", status: 400, type: "bad_data",
      message: "invalid parameter \"end\": end timestamp must not be before start time"),
    ErrorCase(
      target: "/api/v1/query_range?query=up&start=0&end=10&step=0", status: 400, type: "bad_data",
      message:
        "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"
    ),
    ErrorCase(
      target: "/api/v1/query_range?query=up&start=0&end=11001&step=1", status: 400, type: "bad_data",
      message:
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
    ),
    ErrorCase(
      target: "/api/v1/query_range?query=up&start=0&end=10&step=fast", status: 400, type: "bad_data",
      message: "invalid parameter \"step\": cannot parse \"fast\" to a valid duration"),
    ErrorCase(
      target: "/api/v1/query_range?query=up[5m]&start=0&end=10&step=1", status: 400, type: "bad_data",
      message: "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector"),
    ErrorCase(
      target: "/api/v1/query?query=up&timeout=0s", status: 503, type: "timeout",
      message: "query timed out in expression evaluation"),
    ErrorCase(
      target: "/api/v1/series", status: 400, type: "bad_data", message: "no match[] parameter provided"),
    ErrorCase(
      target: "/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D", status: 400, type: "bad_data",
      message:
        "invalid parameter \"match[]\": 1:1: parse error: vector selector must contain at least one non-empty matcher"
    ),
    ErrorCase(
      target: "/api/v1/label/0bad/values", status: 400, type: "bad_data",
      message: "invalid label name: \"0bad\""),
    ErrorCase(
      target: "/api/v1/rules?type=bogus", status: 400, type: "bad_data",
      message: "invalid parameter \"type\": not supported value \"bogus\""),
    ErrorCase(
      target: "/api/v1/metadata?limit=x", status: 400, type: "bad_data", message: "limit must be a number"),
  ]

  @Test(arguments: errorCases) func badRequestsGetPrometheusErrors(_ c: ErrorCase) throws {
    let answer = try api.call(c.target, method: c.method)
    #expect(answer.status == c.status)
    #expect(answer.json["status"] as? String == "error")
    #expect(answer.json["errorType"] as? String == c.type)
    #expect(answer.json["error"] as? String == c.message)
    #expect(answer.response.headers["Content-Type"] == "application/json")
  }

  @Test func anInstantQueryAnswersAtTheGivenTime() throws {
    let answer = try api.call("/api/v1/query?query=sum(ray_tasks)&time=\(Fixture.at(60))")
    #expect(answer.status == 200)
    #expect(
      answer.text
        == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795608060,"245"]}]}}"#
    )
  }

  @Test func aRangeQueryTakesAFormBodyAndADurationStep() throws {
    let answer = try api.call(
      "/api/v1/query_range",
      body: "query=sum+by+(instance)(ray_tasks)&start=\(Fixture.at(0))&end=\(Fixture.at(30))&step=15s")
    #expect(answer.status == 200)
    let data = try #require(answer.json["data"] as? [String: Any])
    #expect(data["resultType"] as? String == "matrix")
    let result = try #require(data["result"] as? [[String: Any]])
    #expect(result.count == 2)
    // Each target's first scrape comes 1-2 ms after the start: two points of three.
    #expect((result.first?["values"] as? [[Any]])?.count == 2)
  }

  @Test func timesMayBeRFC3339() throws {
    let answer = try api.call("/api/v1/query?query=scalar(sum(ray_tasks))&time=2026-11-25T08:01:00Z")
    #expect(answer.json["status"] as? String == "success")
    #expect(answer.text.contains(#""resultType":"scalar""#))
  }

  @Test func statsAreAddedWhenAskedFor() throws {
    let answer = try api.call("/api/v1/query?query=1&time=10&stats=all")
    let data = try #require(answer.json["data"] as? [String: Any])
    #expect((data["stats"] as? [String: Any])?["timings"] != nil)
  }

  @Test func seriesLabelsAndValuesComeFromTheSamples() throws {
    let api = try api
    let series = api.call("/api/v1/series?match[]=ray_tasks&start=\(Fixture.at(0))&end=\(Fixture.at(120))")
    #expect((series.json["data"] as? [[String: String]])?.count == 4)
    let labels = api.call("/api/v1/labels")
    // The rules' output (ALERTS) is served too.
    #expect(
      labels.json["data"] as? [String] == [
        "State", "__name__", "alertname", "alertstate", "code", "instance", "job", "severity",
      ])
    let matched = api.call("/api/v1/labels?match[]=ray_requests_total")
    #expect(matched.json["data"] as? [String] == ["__name__", "code", "instance", "job"])
    let values = api.call("/api/v1/label/State/values?start=&end=")
    #expect(values.json["data"] as? [String] == ["FINISHED", "RUNNING"])
    let names = api.call("/api/v1/label/__name__/values?match[]=%7B__name__%3D~%22ray_.*%22%7D")
    #expect(
      names.json["data"] as? [String] == ["ray_node_mem_used", "ray_requests_total", "ray_tasks"])
    // Before the recording: nothing.
    let early = api.call("/api/v1/label/State/values?end=\(Fixture.at(-60))")
    #expect(early.json["data"] as? [String] == [])
  }

  @Test func aLimitTruncatesWithAWarning() throws {
    let answer = try api.call("/api/v1/label/__name__/values?limit=2")
    #expect((answer.json["data"] as? [String])?.count == 2)
    #expect(answer.json["warnings"] as? [String] == ["results truncated due to limit"])
  }

  @Test func metadataComesFromTheRecordedHelpTypeAndUnit() throws {
    let answer = try api.call("/api/v1/metadata")
    let data = try #require(answer.json["data"] as? [String: [[String: String]]])
    #expect(data["ray_tasks"] == [["type": "gauge", "help": "Tasks by state.", "unit": ""]])
    #expect(data["ray_node_mem_used"] == [["type": "gauge", "help": "", "unit": ""]])
    let one = try api.call("/api/v1/metadata?metric=ray_requests_total")
    #expect((one.json["data"] as? [String: Any])?.keys.sorted() == ["ray_requests_total"])
  }

  @Test func targetsShowTheLastScrapesHealth() throws {
    let answer = try api.call("/api/v1/targets")
    let data = try #require(answer.json["data"] as? [String: Any])
    let active = try #require(data["activeTargets"] as? [[String: Any]])
    #expect(active.map { $0["health"] as? String } == ["up", "down"])
    #expect((active[1]["labels"] as? [String: String])?["instance"] == "127.0.0.1:44217")
    #expect(active[1]["lastError"] as? String == "connection refused")
  }

  @Test func rulesAndAlertsAreAsOfTheEnd() throws {
    let api = try api
    let rules = api.call("/api/v1/rules")
    let groups = try #require((rules.json["data"] as? [String: Any])?["groups"] as? [[String: Any]])
    #expect(groups.first?["name"] as? String == "ray")
    #expect(groups.first?["interval"] as? Int == 15)
    let list = try #require(groups.first?["rules"] as? [[String: Any]])
    #expect(list.map { $0["type"] as? String } == ["recording", "alerting"])
    #expect(list[1]["state"] as? String == "firing")
    let alerts = api.call("/api/v1/alerts")
    let firing = try #require((alerts.json["data"] as? [String: Any])?["alerts"] as? [[String: Any]])
    #expect(firing.count == 1)
    #expect((firing.first?["labels"] as? [String: String])?["severity"] == "page")
    // Earlier, before the sum passed 100, nothing fired.
    let early = api.call("/api/v1/alerts?time=\(Fixture.at(20))")
    #expect(((early.json["data"] as? [String: Any])?["alerts"] as? [Any])?.isEmpty == true)
    let recorded = api.call("/api/v1/query?query=job:ray_tasks:sum&time=\(Fixture.at(60))")
    #expect(recorded.text.contains("job:ray_tasks:sum"))
  }

  @Test func statusEndpointsAnswer() throws {
    let api = try api
    let build = api.call("/api/v1/status/buildinfo")
    #expect((build.json["data"] as? [String: String])?["version"] == "2.42.0")
    for path in ["config", "flags", "runtimeinfo", "tsdb"] {
      #expect(api.call("/api/v1/status/\(path)").status == 200)
    }
    let tsdb = api.call("/api/v1/status/tsdb")
    let head = try #require((tsdb.json["data"] as? [String: Any])?["headStats"] as? [String: Any])
    #expect(head["numSeries"] as? Int ?? 0 > 5)
    #expect(api.call("/-/healthy").text == "Prometheus Server is Healthy.\n")
    #expect(api.call("/-/ready").text == "Prometheus Server is Ready.\n")
  }

  @Test func exemplarsAreEmptyAndFormatQueryPrints() throws {
    let api = try api
    let exemplars = api.call("/api/v1/query_exemplars?query=ray_tasks&start=0&end=1")
    #expect(exemplars.text == #"{"status":"success","data":[]}"#)
    #expect(api.call("/api/v1/query_exemplars?query=1%2B1").status == 204)
    let formatted = api.call("/api/v1/format_query?query=sum(rate(x%5B5m%5D))by(job)")
    #expect(formatted.json["data"] as? String == "sum by (job) (rate(x[5m]))")
  }

  @Test func wrongMethodsAndUnknownPathsGetRoutingErrors() throws {
    let api = try api
    #expect(api.call("/api/v1/targets", method: "POST").status == 405)
    #expect(api.call("/api/v1/label/job/values", method: "POST").status == 405)
    #expect(api.call("/api/v1/nothing").status == 404)
    #expect(api.call("/api/v1/query", method: "DELETE").status == 405)
    #expect(api.call("/api/v1/query", method: "OPTIONS").status == 204)
  }

  @Test func answersAreGzippedWhenAccepted() throws {
    let answer = try api.call("/api/v1/labels", headers: ["Accept-Encoding": "gzip, deflate"])
    #expect(answer.response.headers["Content-Encoding"] == "gzip")
    let plain = try Gzip.decompress(answer.response.body)
    #expect(String(decoding: plain, as: UTF8.self).hasPrefix(#"{"status":"success""#))
  }

  @Test func maxSamplesEndsAQueryWithPrometheusError() throws {
    let api = try Fixture.api { $0.maxSamples = 10 }
    let answer = api.call("/api/v1/query?query=count_over_time(ray_tasks%5B2m%5D)&time=\(Fixture.at(120))")
    #expect(answer.status == 422)
    #expect(answer.json["errorType"] as? String == "execution")
    #expect(answer.json["error"] as? String == EvaluationError.tooManySamples.message)
  }

  @Test func twoArchivesAreServedSideBySideWithTheirOwnLabels() throws {
    let recording = try ServedRecording(
      sources: [
        .init(reader: try Fixture.archive(), labels: [("incident", "a")]),
        .init(reader: try Fixture.archive(), labels: [("incident", "b")]),
      ], options: .init())
    let api = PrometheusAPI(recording: recording)
    #expect(api.call("/api/v1/label/incident/values").json["data"] as? [String] == ["a", "b"])
    let count = api.call("/api/v1/query?query=count(up)&time=\(Fixture.at(60))")
    #expect(count.text.contains(#"[1795608060,"4"]"#))
    #expect(
      ((api.call("/api/v1/targets").json["data"] as? [String: Any])?["activeTargets"] as? [Any])?.count == 4)
  }

  @Test func aTimeShiftMovesEverySampleAndScrape() throws {
    var options = ServedRecording.Options()
    options.timeShift = 3_600_000
    let api = PrometheusAPI(
      recording: try ServedRecording(sources: [.init(reader: try Fixture.archive())], options: options))
    let shifted = api.call("/api/v1/query?query=sum(ray_tasks)&time=\(Fixture.at(3660))")
    #expect(shifted.text.contains(#"[1795611660,"245"]"#))
    let before = api.call("/api/v1/query?query=sum(ray_tasks)&time=\(Fixture.at(60))")
    #expect(before.text.contains(#""result":[]"#))
    let series = api.call("/api/v1/series?match[]=up&start=\(Fixture.at(3600))&end=\(Fixture.at(3700))")
    #expect((series.json["data"] as? [Any])?.count == 2)
    let targets = try #require(
      (api.call("/api/v1/targets").json["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]])
    #expect(targets.first?["lastScrape"] as? String == "2026-11-25T13:02:00.001Z")
  }
}
