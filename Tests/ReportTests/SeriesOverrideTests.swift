import Dashboards
import PromQL
import Testing

@testable import Report

/// Per-series overrides, as Grafana applies them: field overrides of time series panels and the
/// legacy graph panel's series overrides.
@Suite(.timeLimit(.minutes(1)))
struct SeriesOverrideTests {
  static let series = [
    Fixtures.series(["node": "n1"], [1, 2, 3]), Fixtures.series(["node": "n2"], [4, 5, 6]),
    Fixtures.series(["node": "n3"], [7, 8, 9]),
  ]

  static func chart(_ panelJSON: String) throws -> (ChartData, PanelStyle) {
    let dashboard = try Fixtures.dashboard(panelJSON: panelJSON)
    let panel = try #require(dashboard.panels.first)
    let style = PanelStyle(panel: panel)
    return (ChartData(result: Fixtures.result(panel, series), style: style, columns: 400), style)
  }

  @Test func fieldOverridesRenameRecolorFlipAndHideTheSeriesTheyMatch() throws {
    let (data, style) = try Self.chart(
      """
      {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
       "fieldConfig": {"defaults": {"unit": "short"}, "overrides": [
         {"matcher": {"id": "byName", "options": "n1"}, "properties": [
           {"id": "displayName", "value": "first"}, {"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}},
           {"id": "unit", "value": "bytes"}, {"id": "custom.lineWidth", "value": 3}]},
         {"matcher": {"id": "byRegexp", "options": "/n[23]/"}, "properties": [
           {"id": "custom.transform", "value": "negative-Y"}]},
         {"matcher": {"id": "byName", "options": "n3"}, "properties": [
           {"id": "custom.hideFrom", "value": {"viz": true, "legend": true, "tooltip": true}}]},
         {"matcher": {"id": "byValue", "options": {}}, "properties": []}]},
       "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
      """)
    #expect(data.series.map(\.name) == ["first", "n2"])
    #expect(data.series[0].color == "#F2495C")
    #expect(data.series[0].lineWidth == 3)
    #expect(data.series[0].format == ValueFormat(unit: "bytes"))
    #expect(data.series[1].values == [-4, -5, -6])
    #expect(data.notes == ["1 series hidden by the panel's overrides"])
    #expect(style.notes == ["override 4: matcher byValue is not supported; ignored"])
  }

  @Test func overridesByQueryApplyToEverySeriesOfIt() throws {
    let (data, _) = try Self.chart(
      """
      {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
       "fieldConfig": {"overrides": [{"matcher": {"id": "byFrameRefID", "options": "A"},
         "properties": [{"id": "custom.fillOpacity", "value": 50}, {"id": "custom.axisPlacement", "value": "right"}]}]},
       "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
      """)
    #expect(data.series.allSatisfy { $0.fillOpacity == 0.5 })
  }

  @Test func propertiesThatAreNotDrawnAreSaid() throws {
    let (_, style) = try Self.chart(
      """
      {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
       "fieldConfig": {"overrides": [{"matcher": {"id": "byFrameRefID", "options": "A"},
         "properties": [{"id": "custom.axisPlacement", "value": "right"}]}]},
       "targets": [{"refId": "A", "expr": "up"}]}
      """)
    #expect(style.notes == ["override 1: custom.axisPlacement is not drawn"])
  }

  @Test func aPatternThatDoesNotCompileIsSaidAndMatchesNothing() throws {
    let (data, style) = try Self.chart(
      """
      {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
       "fieldConfig": {"overrides": [{"matcher": {"id": "byRegexp", "options": "n(["},
         "properties": [{"id": "displayName", "value": "x"}]}]},
       "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
      """)
    #expect(style.notes == ["override 1: pattern n([ does not compile; it matches nothing"])
    #expect(data.series.map(\.name) == ["n1", "n2", "n3"])
  }

  @Test func legacySeriesOverridesMatchTheirAliasPlainOrAsARegex() throws {
    let (data, _) = try Self.chart(
      """
      {"id": 1, "type": "graph", "title": "G", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
       "seriesOverrides": [{"alias": "n1", "color": "#123456", "linewidth": 4, "legend": false},
         {"alias": "/2$/", "transform": "negative-Y", "fill": 5}, {"alias": "n3", "hiddenSeries": true}, {"color": "red"}],
       "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
      """)
    #expect(data.series.map(\.name) == ["n1", "n2"])
    #expect(data.series[0].color == "#123456")
    #expect(data.series[0].lineWidth == 4)
    #expect(!data.series[0].inLegend)
    #expect(data.series[1].values == [-4, -5, -6])
    #expect(data.series[1].fillOpacity == 0.5)
  }

  @Test func theReportDrawsOverriddenLinesAndLeavesLegendHiddenOnesOut() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 10},
         "fieldConfig": {"overrides": [
           {"matcher": {"id": "byName", "options": "n1"}, "properties": [
             {"id": "color", "value": {"mode": "fixed", "fixedColor": "#abcdef"}}, {"id": "unit", "value": "percent"}]},
           {"matcher": {"id": "byName", "options": "n2"}, "properties": [
             {"id": "custom.hideFrom", "value": {"viz": false, "legend": true}}]}]},
         "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
        """)
    let panel = try #require(dashboard.panels.first)
    let html = ReportWriter(Fixtures.input(dashboard, [Fixtures.result(panel, Self.series)])).html()
    #expect(html.contains("stroke=\"#abcdef\""))
    #expect(html.contains("<span class=\"legend-name\">n1</span><span class=\"legend-value\">3%</span>"))
    #expect(!html.contains("<span class=\"legend-name\">n2</span>"))
    #expect(html.contains("<span class=\"legend-name\">n3</span>"))
  }
}

/// A panel with its own `timeFrom`/`timeShift` is drawn over its own range, named in its header.
@Suite(.timeLimit(.minutes(1)))
struct PanelTimeRangeTests {
  @Test func aShiftedPanelIsDrawnOverItsOwnRangeWithGrafanasHeaderText() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "timeseries", "title": "T", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
         "targets": [{"refId": "A", "expr": "up"}]}
        """)
    let panel = try #require(dashboard.panels.first)
    var result = Fixtures.result(panel, [Fixtures.series(["node": "n1"], [1, 2, 3])])
    result.timeRange = Fixtures.from...(Fixtures.from + 120_000)
    result.timeInfo = "Last 2m"
    let html = ReportWriter(Fixtures.input(dashboard, [result])).html()
    #expect(html.contains("<span class=\"panel-time\">Last 2m</span>"))
    let whole = ReportWriter(
      Fixtures.input(dashboard, [Fixtures.result(panel, [Fixtures.series(["node": "n1"], [1, 2, 3])])])
    ).html()
    // Over two minutes instead of ten, the same three points spread five times wider.
    #expect(html != whole)
    #expect(!whole.contains("class=\"panel-time\""))
  }
}
