import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct DatasourceRefTests {
  static let variables = [
    "ds": TemplateVariable(name: "ds", kind: .datasource, query: "prometheus"),
    "logs": TemplateVariable(name: "logs", kind: .datasource, query: "loki"),
  ]

  @Test func prometheusAndVariablesPointingAtItAreRun() {
    #expect(
      DatasourceRef(type: "prometheus", uid: "abc").notPrometheusReason(variables: Self.variables) == nil)
    #expect(DatasourceRef(uid: "${ds}").notPrometheusReason(variables: Self.variables) == nil)
    #expect(DatasourceRef(uid: "Prometheus").notPrometheusReason(variables: Self.variables) == nil)
  }

  @Test func otherDatasourcesAreSkippedWithAReason() {
    #expect(
      DatasourceRef(type: "loki", uid: "x").notPrometheusReason(variables: [:])
        == "datasource type loki is not Prometheus")
    #expect(
      DatasourceRef(uid: "$logs").notPrometheusReason(variables: Self.variables)
        == "datasource variable $logs selects loki, not Prometheus")
    #expect(DatasourceRef(uid: "-- Grafana --").notPrometheusReason(variables: [:]) != nil)
    #expect(DatasourceRef(uid: "-- Mixed --").isMixed)
  }
}
