import Dashboards
import Foundation
import PromQL
import Testing

@testable import Report

@Suite(.timeLimit(.minutes(1)))
struct ReportWriterTests {
  static let timeseries = """
    {"id": 1, "type": "timeseries", "title": "Tasks", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
     "fieldConfig": {"defaults": {"unit": "percent", "max": 100,
       "thresholds": {"steps": [{"color": "green", "value": null}, {"color": "red", "value": 80}]},
       "custom": {"thresholdsStyle": {"mode": "line"}}}},
     "targets": [{"refId": "A", "expr": "up", "legendFormat": "{{node}}"}]}
    """

  @Test func aChartOfThreePointsIsThisSVG() throws {
    let dashboard = try Fixtures.dashboard(panelJSON: Self.timeseries)
    let panel = try #require(dashboard.panels.first)
    let result = Fixtures.result(panel, [Fixtures.series(["node": "a"], [10, 50, 90])], step: 300_000)
    let style = PanelStyle(panel: panel)
    let data = ChartData(result: result, style: style, columns: 100)
    let chart = TimeSeriesChart(
      data: data, style: style, from: Fixtures.from, to: Fixtures.from + 120_000, width: 168, height: 88,
      gapMs: 600_000)
    #expect(
      chart.svg() == """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" width="168" height="88" viewBox="0 0 168 88">\
        <line class="grid" x1="40" x2="158" y1="68" y2="68"/><text class="axis" x="34" y="68" text-anchor="end" \
        dominant-baseline="middle">0%</text><line class="grid" x1="40" x2="158" y1="38" y2="38"/>\
        <text class="axis" x="34" y="38" text-anchor="end" dominant-baseline="middle">50%</text>\
        <line class="grid" x1="40" x2="158" y1="8" y2="8"/><text class="axis" x="34" y="8" text-anchor="end" \
        dominant-baseline="middle">100%</text><line class="grid" x1="79.3" x2="79.3" y1="8" y2="68"/>\
        <text class="axis" x="79.3" y="83" text-anchor="middle">22:14</text>\
        <line class="grid" x1="138.3" x2="138.3" y1="8" y2="68"/><text class="axis" x="138.3" y="83" \
        text-anchor="middle">22:15</text><svg x="40" y="6" width="118" height="64" viewBox="40 6 118 64">\
        <path class="line" d="M40 62L99 38L158 14" stroke="#7EB26D" stroke-width="1"/></svg>\
        <line class="threshold" x1="40" x2="158" y1="20" y2="20" stroke="#F2495C"/></svg>
        """)
    #expect(data.series.map(\.name) == ["a"])
  }

  @Test func theStripColorsEachScrapeByHowItEnded() {
    let writer = ReportWriter(Fixtures.input(Dashboard(title: "x", panels: []), []))
    let target = Fixtures.recording.targets[0]
    #expect(
      writer.strip(target, width: 11, from: Fixtures.from, to: Fixtures.to) == """
        <svg class="strip" xmlns="http://www.w3.org/2000/svg" width="11" height="12">\
        <rect x="0" y="0" width="5" height="12" fill="#73BF69"/>\
        <rect x="5" y="0" width="5" height="12" fill="#F2495C"/>\
        <rect x="10" y="0" width="1" height="12" fill="#73BF69"/></svg>
        """)
  }

  @Test func thePageIsSelfContainedAndListsItsPlotAreas() throws {
    let dashboard = try Fixtures.dashboard(
      panelJSON: Self.timeseries + ","
        + """
        {"id": 2, "type": "stat", "title": "Up", "gridPos": {"x": 12, "y": 0, "w": 6, "h": 4},
         "options": {"reduceOptions": {"calcs": ["max"]}}, "targets": [{"refId": "A", "expr": "up"}]},
        {"id": 3, "type": "timeseries", "title": "Missing", "gridPos": {"x": 18, "y": 0, "w": 6, "h": 4},
         "targets": [{"refId": "A", "expr": "nope"}]}
        """)
    let panels = dashboard.panels
    let results = [
      Fixtures.result(panels[0], [Fixtures.series(["node": "a"], [1, 2, 3])]),
      Fixtures.result(panels[1], [Fixtures.series([:], [1, 7, 2])]),
      PanelResult(
        panel: panels[2], title: "Missing",
        targets: [
          TargetResult(refId: "A", expr: "nope", kind: .range, noDataReasons: ["no series named nope"])
        ]),
    ]
    let (html, areas) = ReportWriter(Fixtures.input(dashboard, results)).render()
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") || !html.contains("src="))
    #expect(html.contains("prefers-color-scheme:dark"))
    #expect(html.contains(">7</div>"), "the stat shows the max, as its calculation says")
    #expect(html.contains("no series named nope"))
    #expect(html.contains("<!-- rayrec-areas [{"))
    #expect(areas.map(\.kind) == ["lines", "value", "reason"])
    #expect(areas.map(\.status) == ["data", "data", "no data"])
    // The grid: the stat sits in column 12 of 24, to the right of the chart.
    #expect(areas[1].rect.x > areas[0].rect.x + areas[0].rect.width)
  }

  @Test func gridLayoutFloatsPanelsUpAndPutsRepeatsSideBySide() {
    var a = Panel(title: "A", width: 12, height: 8, targets: [PanelTarget(refId: "A", expr: "up")])
    a.gridX = 0
    a.gridY = 0
    var b = a
    b.title = "B"
    b.gridY = 20
    let results = [a, a, b].map { PanelResult(panel: $0, title: $0.title, targets: []) }
    let layout = GridLayout(results, width: 1568)
    let rects = layout.placements.map(\.rect)
    #expect(rects[0].x == 0 && rects[0].y == 0)
    #expect(rects[1].x > 700 && rects[1].y == 0, "the repeated copy goes beside the first")
    #expect(rects[2].x == 0 && rects[2].y == 8 * GridLayout.rowUnit, "floated up under the first row")
  }
}
