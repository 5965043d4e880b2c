import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct DashboardEvaluatorTests {
  static let dashboard = """
    {"title": "T", "templating": {"list": [
      {"name": "state", "type": "query", "query": "label_values(ray_tasks, State)", "includeAll": true, "multi": true,
       "current": {"value": ["$__all"]}},
      {"name": "inst", "type": "query", "query": "label_values(up, instance)", "multi": true, "includeAll": true,
       "current": {"value": ["$__all"]}}
    ]}, "panels": [
      {"type": "timeseries", "title": "Tasks $state", "id": 1, "gridPos": {"w": 12},
       "targets": [{"refId": "A", "expr": "sum by (State) (ray_tasks{State=~\\"$state\\"})"}]},
      {"type": "stat", "title": "Up", "id": 2, "targets": [{"refId": "A", "expr": "sum(up)", "instant": true}]},
      {"type": "timeseries", "title": "GPU", "id": 3, "targets": [{"refId": "A", "expr": "ray_node_gpus_utilization"}]},
      {"type": "timeseries", "title": "Broken", "id": 4, "targets": [{"refId": "A", "expr": "sum(up"}]},
      {"type": "timeseries", "title": "Rate", "id": 5,
       "targets": [{"refId": "A", "expr": "rate(requests_total[$__rate_interval])", "interval": "30s"}]},
      {"type": "timeseries", "title": "Per $inst", "id": 6, "repeat": "inst",
       "targets": [{"refId": "A", "expr": "up{instance=\\"$inst\\"}"}]},
      {"type": "logs", "title": "Logs", "id": 7, "datasource": {"type": "loki", "uid": "l"},
       "targets": [{"refId": "A", "expr": "{job=\\"x\\"}"}]}
    ]}
    """

  static func results() throws -> [PanelResult] {
    Fixtures.evaluator().evaluate(try Dashboard.parse(dashboard))
  }

  @Test func everyPanelGetsAVerdict() throws {
    let verdicts = try Self.results().map { "\($0.title): \($0.status.rawValue)" }
    #expect(
      verdicts == [
        "Tasks All: data", "Up: data", "GPU: no data", "Broken: error", "Rate: data", "Per a:1: data",
        "Per b:2: data",
        "Logs: skipped",
      ])
  }

  @Test func variablesAndBuiltinsAreInterpolated() throws {
    let results = try Self.results()
    #expect(results[0].targets[0].expr == "sum by (State) (ray_tasks{State=~\"(FINISHED|RUNNING)\"})")
    // Min step 30s: step 30s, rate interval max(30s + 30s, 4 * 30s) = 2m.
    #expect(results[4].targets[0].expr == "rate(requests_total[2m])")
    #expect(results[4].targets[0].stepMs == 30_000)
    #expect(results[5].targets[0].expr == "up{instance=\"a:1\"}")
  }

  @Test func rangeAndInstantQueriesAreRunAsGrafanaWould() throws {
    let results = try Self.results()
    #expect(results[0].targets[0].kind == .range && results[0].targets[0].stepMs == 15_000)
    #expect(results[0].targets[0].series.allSatisfy { $0.timestamps.allSatisfy { $0 % 15_000 == 0 } })
    #expect(results[1].targets[0].kind == .instant)
    #expect(results[1].targets[0].series.first?.values == [2])
  }

  @Test func reasonsExplainEachVerdict() throws {
    let results = try Self.results()
    #expect(results[2].reasons == ["metric ray_node_gpus_utilization is not in the recording"])
    #expect(results[3].reasons == ["A `sum(up`: 1:7: parse error: unclosed left parenthesis"])
    #expect(results[7].reasons == ["datasource type loki is not Prometheus"])
  }

  @Test func aVariableOverrideNarrowsTheQuery() throws {
    var evaluator = Fixtures.evaluator()
    evaluator.overrides = ["state": ["RUNNING"]]
    let results = evaluator.evaluate(try Dashboard.parse(Self.dashboard))
    #expect(results[0].targets[0].expr == "sum by (State) (ray_tasks{State=~\"RUNNING\"})")
    #expect(results[0].title == "Tasks RUNNING")
  }

  @Test func panelTimeOverridesNarrowAndShiftTheRange() throws {
    let dashboard = try Dashboard.parse(
      """
      {"title": "T", "panels": [
        {"type": "timeseries", "title": "Last minute", "timeFrom": "1m", "targets": [{"expr": "up"}]},
        {"type": "timeseries", "title": "Shifted", "timeFrom": "1m", "timeShift": "1m", "targets": [{"expr": "up"}]}
      ]}
      """)
    let results = Fixtures.evaluator().evaluate(dashboard)
    let last = try #require(results[0].targets[0].series.first?.timestamps)
    func aligned(_ t: Int64) -> Int64 { t / 15_000 * 15_000 }
    #expect(last.first == aligned(Fixtures.end - 60_000) && last.last == aligned(Fixtures.end))
    let shifted = try #require(results[1].targets[0].series.first?.timestamps)
    #expect(
      shifted.first == aligned(Fixtures.end - 120_000) && shifted.last == aligned(Fixtures.end - 60_000))
    #expect(results[0].timeInfo == "Last 1m")
    #expect(results[1].timeInfo == "Last 1m timeshift -1m")
    #expect(results[1].timeRange?.upperBound == Fixtures.end - 60_000)
    #expect(results[1].timeRange.map { $0.upperBound - $0.lowerBound } == 60_000)
  }

  @Test func aPanelWithoutTimeOverridesHasTheDashboardsRange() throws {
    let dashboard = try Dashboard.parse(
      #"{"title": "T", "panels": [{"type": "timeseries", "title": "P", "targets": [{"expr": "up"}]}]}"#)
    let results = Fixtures.evaluator().evaluate(dashboard)
    #expect(results[0].timeRange == nil && results[0].timeInfo.isEmpty)
  }
}
