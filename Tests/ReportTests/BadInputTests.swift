import Dashboards
import PromQL
import Testing

@testable import Report

@Suite(.timeLimit(.minutes(1)))
struct BadInputTests {
  @Test func anUnknownPanelTypeIsSaidAndItsValuesListed() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "heatmap-xyz", "title": "Odd", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
         "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
        """)
    let panel = try #require(dashboard.panels.first)
    let html = ReportWriter(
      Fixtures.input(dashboard, [Fixtures.result(panel, [Fixtures.series(["node": "n1"], [4])])])
    )
    .html()
    #expect(html.contains("panel type &quot;heatmap-xyz&quot; is not drawn"))
    #expect(html.contains("<td>n1</td>"))
  }

  @Test func aBrokenFieldConfigIsSaidAndDefaultsUsed() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "timeseries", "title": "Broken", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
         "fieldConfig": {"defaults": {"unit": 42, "decimals": "two", "min": "low",
           "thresholds": {"steps": "red"}}},
         "options": {"reduceOptions": {"calcs": ["median-ish"]}},
         "targets": [{"refId": "A", "expr": "up"}]}
        """)
    let panel = try #require(dashboard.panels.first)
    let style = PanelStyle(panel: panel)
    #expect(
      style.notes == [
        "fieldConfig unit is not a string; short used", "fieldConfig decimals is not a whole number; ignored",
        "min is not a number; ignored", "fieldConfig thresholds have no steps list; ignored",
        "calculation \"median-ish\" is not supported; lastNotNull used",
      ])
    let html = ReportWriter(
      Fixtures.input(dashboard, [Fixtures.result(panel, [Fixtures.series([:], [1, 2])])])
    )
    .html()
    #expect(html.contains("fieldConfig unit is not a string"))
    #expect(html.contains("class=\"line\""))

    let notObject = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "stat", "title": "S", "fieldConfig": [1, 2], "targets": [{"expr": "up"}]}
        """)
    #expect(
      PanelStyle(panel: try #require(notObject.panels.first)).notes == [
        "fieldConfig is not an object; defaults used"
      ])
  }

  @Test func tenThousandSeriesInAPanelStayBounded() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: """
        {"id": 1, "type": "timeseries", "title": "Many", "gridPos": {"x": 0, "y": 0, "w": 24, "h": 10},
         "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{i}}"}]}
        """)
    let panel = try #require(dashboard.panels.first)
    let points = (0..<1000).map { Double($0 % 17) }
    let many = (0..<10_000).map { i in
      Series(
        labels: Labels(["i": "\(i)"]), timestamps: points.indices.map { Fixtures.from + Int64($0) * 600 },
        values: points)
    }
    let (html, areas) = ReportWriter(Fixtures.input(dashboard, [Fixtures.result(panel, many, step: 600)]))
      .render()
    #expect(html.contains("10000 series: drew the first 100"))
    #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
    #expect(areas.map(\.kind) == ["lines"])
  }

  @Test func pastTheByteBudgetPanelsAreListedNotDrawn() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: [0, 1, 2].map { i in
        """
        {"id": \(i), "type": "timeseries", "title": "P\(i)", "gridPos": {"x": 0, "y": \(i * 8), "w": 24, "h": 8},
         "targets": [{"refId": "A", "expr": "up"}]}
        """
      }.joined(separator: ","))
    let values = (0..<2000).map { Double($0 % 13) }
    let series = [
      Series(
        labels: .empty, timestamps: values.indices.map { Fixtures.from + Int64($0) * 300 }, values: values)
    ]
    var writer = ReportWriter(
      Fixtures.input(dashboard, dashboard.panels.map { Fixtures.result($0, series, step: 300) }))
    writer.byteBudget = 1
    let (html, areas) = writer.render()
    #expect(areas.map(\.kind) == ["reason", "reason", "reason"])
    #expect(html.contains("the report reached its size limit"))
  }
}
