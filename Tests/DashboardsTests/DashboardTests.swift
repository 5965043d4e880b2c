import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct DashboardTests {
  static let nested = """
    {"title": "Nested", "uid": "n", "panels": [
      {"type": "row", "title": "Open", "collapsed": false, "panels": []},
      {"type": "timeseries", "title": "A", "id": 1, "targets": [{"refId": "A", "expr": "up"}]},
      {"type": "text", "title": "Notes", "id": 2},
      {"type": "row", "title": "Closed", "collapsed": true, "panels": [
        {"type": "graph", "title": "B", "id": 3, "gridPos": {"w": 6, "h": 4},
         "targets": [{"expr": "x", "hide": true}, {"expr": "y", "instant": true, "interval": "30s"}]},
        {"type": "stat", "title": "C", "id": 4, "maxDataPoints": 50, "interval": "1m",
         "datasource": {"type": "prometheus", "uid": "${ds}"}, "targets": [{"refId": "Z", "expr": "z"}]}
      ]},
      {"type": "gauge", "title": "D", "id": 5, "libraryPanel": {"uid": "lib1", "name": "Shared"}}
    ]}
    """

  @Test func panelsInRowsAndCollapsedRowsAreFound() throws {
    let dashboard = try Dashboard.parse(Self.nested, path: "nested.json")
    #expect(dashboard.panels.map(\.description) == ["Open / A", "Closed / B", "Closed / C", "Closed / D"])
    #expect(dashboard.panelsWithoutQueries == 3)
  }

  @Test func targetsKeepTheirOptions() throws {
    let b = try #require(try Dashboard.parse(Self.nested).panels.first { $0.title == "B" })
    #expect(b.targets.map(\.refId) == ["A", "B"])
    #expect(b.targets[0].hide)
    #expect(b.activeTargets.map(\.expr) == ["y"])
    #expect(b.targets[1].instant && !b.targets[1].range)
    #expect(b.targets[1].interval == "30s")
    #expect(b.width == 6)
    let c = try #require(try Dashboard.parse(Self.nested).panels.first { $0.title == "C" })
    #expect(c.maxDataPoints == 50 && c.minInterval == "1m")
    #expect(c.datasource == DatasourceRef(type: "prometheus", uid: "${ds}"))
  }

  @Test func grafanasAPIFormIsUnwrapped() throws {
    let dashboard = try Dashboard.parse(#"{"meta": {}, "dashboard": {"title": "T", "panels": []}}"#)
    #expect(dashboard.title == "T")
  }

  @Test func variablesAreRead() throws {
    let text = """
      {"title": "V", "panels": [], "templating": {"list": [
        {"name": "a", "type": "query", "query": {"query": "label_values(up, job)", "refId": "x"},
         "regex": "/(.*)/", "multi": true, "includeAll": true, "allValue": ".*", "sort": 1,
         "current": {"text": ["All"], "value": ["$__all"]}},
        {"name": "b", "type": "custom", "query": "x, y", "current": {"text": "y", "value": "y"}},
        {"name": "c", "type": "query", "query": {"qryType": 1, "label": "State", "metric": "ray_tasks"}}
      ]}}
      """
    let variables = try Dashboard.parse(text).variables
    #expect(variables[0].query == "label_values(up, job)")
    #expect(variables[0].current == ["$__all"] && variables[0].multi && variables[0].allValue == ".*")
    #expect(variables[1].kind == .custom && variables[1].current == ["y"])
    #expect(variables[2].query == "label_values(ray_tasks, State)")
  }

  @Test func badJSONNamesTheFileAndPlace() {
    do {
      _ = try Dashboard.parse("{\"title\": \"x\",\n  \"panels\": [}", path: "bad.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "bad.json:2:14: expected a value, found '}'")
    }
  }

  @Test func somethingElseThanADashboardIsSaidSo() {
    #expect(
      throws: DashboardError(
        path: "x.json", message: "not a dashboard: no \"panels\" (or legacy \"rows\") member")
    ) {
      try Dashboard.parse(#"{"title": "x"}"#, path: "x.json")
    }
    #expect(
      throws: DashboardError(path: "y.json", message: "not a dashboard: the top level is not a JSON object")
    ) {
      try Dashboard.parse("[1]", path: "y.json")
    }
  }

  @Test func aMissingFileIsADashboardError() {
    #expect(throws: DashboardError(path: "/nonexistent/d.json", message: "no such file")) {
      try Dashboard.load("/nonexistent/d.json")
    }
  }
}
