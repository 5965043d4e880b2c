import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct NoDataExplainerTests {
  static func explain(_ query: String) throws -> [String] {
    let explainer = NoDataExplainer(
      engine: Fixtures.engine, start: Fixtures.start, end: Fixtures.end, step: 15_000)
    return explainer.explain(try Parser.parse(query))
  }

  @Test func aMissingMetricIsNamed() throws {
    #expect(
      try Self.explain("sum(rate(ray_node_gpus_utilization[1m]))") == [
        "metric ray_node_gpus_utilization is not in the recording"
      ])
  }

  @Test func aLabelValueNoSeriesHasIsNamedWithTheValuesThatExist() throws {
    #expect(
      try Self.explain("ray_tasks{State=\"X\"}") == [
        "no series of ray_tasks match State=\"X\" (State has \"FINISHED\", \"RUNNING\")"
      ])
    #expect(
      try Self.explain("ray_tasks{Node=\"n1\"}") == [
        "no series of ray_tasks match Node=\"n1\" (no series of ray_tasks has a Node label)"
      ])
  }

  @Test func matchersThatOnlyFailTogetherAreSaidSo() throws {
    #expect(
      try Self.explain("up{instance=\"a:1\", job=~\"ray\", instance=~\"b.*\"}").first?.hasPrefix(
        "no series of up match") == true)
  }

  @Test func anEmptyOperationIsBlamedWhenTheSelectorsHaveData() throws {
    #expect(
      try Self.explain("sum(up) > 5") == [
        "every selector has series, but `sum(up) > 5` returns nothing over the window"
      ])
    #expect(
      try Self.explain("sum(ray_tasks) + on(x) (up > 5)") == [
        "every selector has series, but `up > 5` returns nothing over the window"
      ])
  }
}
