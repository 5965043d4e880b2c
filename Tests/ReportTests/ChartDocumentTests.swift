import Foundation
import PromQL
import Testing

@testable import Report

/// The standalone SVG a failed test attaches: the report's chart with markers, a title and a
/// legend, and its own style sheet.
@Suite(.timeLimit(.minutes(1)))
struct ChartDocumentTests {
  static let series = [
    Series(labels: Labels(["node": "a"]), timestamps: [0, 60_000, 120_000], values: [10, 50, 90]),
    Series(labels: Labels(["node": "b"]), timestamps: [0, 60_000, 120_000], values: [5, .nan, 20]),
  ]

  static func chart(_ markers: [ChartMarker]) -> TimeSeriesChart {
    TimeSeriesChart(
      data: ChartData(series: series, columns: 100), style: PanelStyle(), from: 0, to: 120_000, width: 200,
      height: 88, gapMs: 150_000, markers: markers)
  }

  @Test func aThresholdAndATimeAreDrawnOverTwoSeries() {
    let svg = Self.chart([.value(120, label: "expected < 120"), .time(60_000, label: "at end")])
      .document(title: "up", subtitle: "expectValue: 90 is not < 120")
    #expect(
      svg == """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="164" viewBox="0 0 200 164">\
        <style>text{font-family:Inter,"Helvetica Neue",Helvetica,Arial,sans-serif}.title{font-size:13px;font-weight:500;fill:#24292e}.sub,.legend{font-size:11px;fill:#24292e}.sub{fill:rgba(36,41,46,.75)}.chart .marker-label{font-size:11px;font-weight:500}.chart text{fill:rgba(36,41,46,.75);font-size:11px}.chart .grid{stroke:rgba(36,41,46,.12);stroke-width:1}
        .chart .line{fill:none;stroke-linejoin:round}.chart .threshold{stroke-dasharray:6 4;stroke-width:1}</style>\
        <rect width="200" height="164" fill="#fff"/><text class="title" x="8" y="16">up</text>\
        <text class="sub" x="8" y="34">expectValue: 90 is not &lt; 120</text>\
        <g transform="translate(0 38)">\
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" width="200" height="88" viewBox="0 0 200 88">\
        <line class="grid" x1="40" x2="190" y1="68" y2="68"/>\
        <text class="axis" x="34" y="68" text-anchor="end" dominant-baseline="middle">0</text>\
        <line class="grid" x1="40" x2="190" y1="38" y2="38"/>\
        <text class="axis" x="34" y="38" text-anchor="end" dominant-baseline="middle">100</text>\
        <line class="grid" x1="40" x2="190" y1="8" y2="8"/>\
        <text class="axis" x="34" y="8" text-anchor="end" dominant-baseline="middle">200</text>\
        <line class="grid" x1="40" x2="40" y1="8" y2="68"/>\
        <text class="axis" x="40" y="83" text-anchor="middle">00:00</text>\
        <line class="grid" x1="115" x2="115" y1="8" y2="68"/>\
        <text class="axis" x="115" y="83" text-anchor="middle">00:01</text>\
        <line class="grid" x1="190" x2="190" y1="8" y2="68"/>\
        <text class="axis" x="190" y="83" text-anchor="middle">00:02</text>\
        <svg x="40" y="6" width="150" height="64" viewBox="40 6 150 64">\
        <path class="line" d="M40 65L115 53L190 41" stroke="#7EB26D" stroke-width="1"/>\
        <path class="line" d="M40 66.5L190 62" stroke="#EAB839" stroke-width="1"/></svg>\
        <line class="marker" x1="40" x2="190" y1="32" y2="32" stroke="#F2495C" stroke-width="1.5" stroke-dasharray="6 4"/>\
        <text class="marker-label" x="186" y="28" text-anchor="end" style="fill:#F2495C">expected &lt; 120</text>\
        <line class="marker" x1="115" x2="115" y1="8" y2="68" stroke="#5794F2" stroke-width="1.5" stroke-dasharray="6 4"/>\
        <text class="marker-label" x="119" y="18" text-anchor="start" style="fill:#5794F2">at end</text>\
        </svg></g><rect x="40" y="136" width="14" height="4" fill="#7EB26D"/>\
        <text class="legend" x="60" y="141">{node=&quot;a&quot;}  (last 90)</text>\
        <rect x="40" y="152" width="14" height="4" fill="#EAB839"/>\
        <text class="legend" x="60" y="157">{node=&quot;b&quot;}  (last 20)</text></svg>

        """)
  }

  @Test func aThresholdAboveTheDataStretchesTheValueAxis() {
    let plain = Self.chart([]).ticksRange()
    let marked = Self.chart([.value(1000, label: "")]).ticksRange()
    #expect(plain.1 == 100)
    #expect(marked.1 == 1000)
  }

  @Test func aTimeOffTheChartIsNotDrawn() {
    let svg = Self.chart([.time(500_000, label: "later")]).svg()
    #expect(!svg.contains("later"))
    #expect(!svg.contains("class=\"marker\""))
  }

  @Test func controlCharactersInNamesDoNotBreakTheXML() {
    let odd = [Series(labels: Labels(["x": "a\u{1}b<"]), timestamps: [0, 1], values: [1, 2])]
    let chart = TimeSeriesChart(
      data: ChartData(series: odd, columns: 10), style: PanelStyle(), from: 0, to: 1, width: 200, height: 88,
      gapMs: 10)
    let svg = chart.document(title: "t\u{7}")
    #expect(!svg.unicodeScalars.contains { $0.value < 32 && $0 != "\n" })
    #expect(svg.contains(">t\u{FFFD}</text>"))
  }
}
