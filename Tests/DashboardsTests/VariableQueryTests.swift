import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct VariableQueryTests {
  @Test(arguments: [
    ("label_values(instance)", VariableQuery.labelValues(selector: nil, label: "instance")),
    (
      "label_values(up{job=~\"a,b\"}, instance)",
      .labelValues(selector: "up{job=~\"a,b\"}", label: "instance")
    ),
    ("label_names()", .labelNames(selector: nil)),
    ("metrics(ray_.*)", .metrics(regex: "ray_.*")),
    ("query_result(count by (x) (up))", .queryResult(expr: "count by (x) (up)")),
    ("up{job=\"ray\"}", .series(selector: "up{job=\"ray\"}")),
  ])
  func recognisesGrafanasQueryForms(_ text: String, _ expected: VariableQuery) {
    #expect(VariableQuery(text) == expected)
  }

  @Test func labelValuesAreSortedAndUnique() throws {
    let values = try VariableQuery("label_values(ray_tasks, State)").run(
      engine: Fixtures.engine, from: Fixtures.start, to: Fixtures.end)
    #expect(values == ["FINISHED", "RUNNING"])
    let all = try VariableQuery("label_values(instance)").run(
      engine: Fixtures.engine, from: Fixtures.start, to: Fixtures.end)
    #expect(all == ["a:1", "b:2"])
  }

  @Test func queryResultListsSeriesLikeGrafana() throws {
    let lines = try VariableQuery("query_result(count by (instance) (up))").run(
      engine: Fixtures.engine, from: Fixtures.start, to: Fixtures.end)
    #expect(lines == ["{instance=\"a:1\"} 1 \(Fixtures.end)", "{instance=\"b:2\"} 1 \(Fixtures.end)"])
  }

  @Test func metricsAndSeries() throws {
    let e = Fixtures.engine
    #expect(
      try VariableQuery("metrics(^r.*)").run(engine: e, from: Fixtures.start, to: Fixtures.end) == [
        "ray_tasks", "requests_total",
      ])
    #expect(
      try VariableQuery("up{instance=\"b:2\"}").run(engine: e, from: Fixtures.start, to: Fixtures.end)
        == ["up{instance=\"b:2\",job=\"ray\"}"])
  }

  @Test func aBadSelectorThrows() {
    #expect(throws: (any Error).self) {
      try VariableQuery("label_values(up{job=}, x)").run(
        engine: Fixtures.engine, from: Fixtures.start, to: Fixtures.end)
    }
  }
}
