import Dashboards
import Foundation

extension ReportWriter {
  static let titleHeight = 28.0
  static let legendLine = 16.0

  /// One panel's box: title, verdict, and its drawing or its reason.
  func panel(_ result: PanelResult, check: DashboardCheck, rect: Rect, _ page: inout Page) {
    let status = result.status
    let allowed = (status == .noData || status == .fallbackOnly) && check.allowance(result) != nil
    let badge = status.rawValue + (allowed ? " (allowed)" : "")
    let badgeClass = "verdict v-" + status.rawValue.replacingOccurrences(of: " ", with: "-")
    let title = result.title.isEmpty ? "panel \(result.panel.id.map(String.init) ?? "?")" : result.title
    page.out += "<div class=\"panel\" style=\"\(Page.box(rect))\" data-status=\"\(status.rawValue)\">"
    page.out +=
      "<div class=\"panel-head\"><span class=\"panel-title\" title=\"\(HTML.escape(result.displayName))\">"
    page.out += HTML.escape(title) + "</span>"
    // Grafana writes a panel's own time range beside its title.
    if !result.timeInfo.isEmpty {
      page.out += "<span class=\"panel-time\">\(HTML.escape(result.timeInfo))</span>"
    }
    page.out += "<span class=\"\(badgeClass)\">\(HTML.escape(badge))</span></div>"
    let content = Rect(
      x: rect.x + 8, y: rect.y + Self.titleHeight, width: max(10, rect.width - 16),
      height: max(10, rect.height - Self.titleHeight - 6))
    let name = check.dashboard.title
    func area(_ kind: String, _ r: Rect) {
      page.areas.append(
        Area(dashboard: name, panel: result.displayName, status: status.rawValue, kind: kind, rect: r))
    }
    if page.out.utf8.count > byteBudget {
      page.out += reason(
        "Not drawn", ["the report reached its size limit of \(byteBudget >> 20) MB"], content, origin: rect)
      area("reason", content)
    } else if status == .data || status == .fallbackOnly {
      var body = ""
      let drawn = drawing(
        result, content: content, origin: rect, fallback: status == .fallbackOnly, html: &body)
      page.out += body
      area(drawn.kind, drawn.rect)
    } else {
      let heading = status == .error ? "Error" : status == .skipped ? "Not run" : "No data"
      page.out += reason(heading, result.reasons, content, origin: rect)
      area("reason", content)
    }
    page.out += "</div>\n"
  }

  /// The reason box: a heading and the messages.
  func reason(_ heading: String, _ lines: [String], _ content: Rect, origin: Rect) -> String {
    var out = "<div class=\"reason\" style=\"\(Page.box(content.offset(-origin.x, -origin.y)))\">"
    out += "<div class=\"reason-head\">\(HTML.escape(heading))</div>"
    for line in lines.prefix(6) { out += "<div class=\"reason-line\">\(HTML.escape(line))</div>" }
    if lines.count > 6 { out += "<div class=\"reason-line\">and \(lines.count - 6) more</div>" }
    return out + "</div>"
  }

  /// Draws a panel with data; returns what kind of area it drew and where (page pixels).
  func drawing(_ result: PanelResult, content: Rect, origin: Rect, fallback: Bool, html out: inout String)
    -> (kind: String, rect: Rect)
  {
    let style = PanelStyle(panel: result.panel)
    var notes = style.notes
    if fallback { notes += result.reasons }
    var box = content
    let type = result.panel.type
    let kind: String
    switch type {
    case "timeseries", "graph":
      kind = "lines"
    case "stat", "singlestat", "gauge", "bargauge", "table", "table-old":
      kind = "value"
    default:
      kind = "value"
      notes.insert(
        "panel type \"\(type)\" is not drawn; its series' \(style.reducer.title.lowercased()) values instead",
        at: 0)
    }
    var body = ""
    var drawnArea = box
    if kind == "lines" {
      let legendRoom = style.legend ? max(0, min(8, Int((box.height - 110) / Self.legendLine))) : 0
      let plotWidth = Int(box.width - TimeSeriesChart.left - TimeSeriesChart.right)
      let data = ChartData(result: result, style: style, columns: plotWidth, pointBudget: pointsPerPanel)
      notes += data.notes
      let notesHeight = notes.isEmpty ? 0.0 : 16
      let entries = data.series.filter(\.inLegend).count + (data.totalSeries > data.series.count ? 1 : 0)
      let legendLines = min(legendRoom, entries)
      let legendHeight = legendLines > 0 ? Double(legendLines) * Self.legendLine + 4 : 0
      let chartHeight = max(20, box.height - notesHeight - legendHeight)
      let (from, to) = result.timeRange.map { ($0.lowerBound, $0.upperBound) } ?? (input.from, input.to)
      let span = max(1, to - from)
      let step = result.targets.map(\.stepMs).max() ?? 0
      let gap = max(step * 5 / 2, span / Int64(max(1, plotWidth)) * 5 / 2, 1)
      let chart = TimeSeriesChart(
        data: data, style: style, from: from, to: to, width: box.width, height: chartHeight,
        gapMs: step == 0 ? span : gap)
      let chartTop = box.y + notesHeight
      drawnArea = chart.plotArea.offset(box.x, chartTop)
      body +=
        "<div class=\"chart-box\" style=\"\(Page.box(Rect(x: box.x, y: chartTop, width: box.width, height: chartHeight).offset(-origin.x, -origin.y)))\">"
      body += chart.svg() + "</div>"
      if legendLines > 0 {
        let legendBox = Rect(x: box.x, y: chartTop + chartHeight, width: box.width, height: legendHeight)
        body += legend(data, style: style, lines: legendLines, box: legendBox.offset(-origin.x, -origin.y))
      }
    } else {
      let limit =
        type.hasPrefix("table") || !["stat", "singlestat", "gauge", "bargauge"].contains(type)
        ? ValuePanels.maxRows : ValuePanels.maxValues
      let (items, total) = ValuePanels.items(result, style: style, limit: limit)
      if total > items.count { notes.append("\(total) series: showing the first \(items.count)") }
      let notesHeight = notes.isEmpty ? 0.0 : 16
      box = Rect(x: box.x, y: box.y + notesHeight, width: box.width, height: box.height - notesHeight)
      drawnArea = box
      let inner: String
      switch type {
      case "stat", "singlestat":
        inner = ValuePanels.stat(items, style: style, width: box.width, height: box.height)
      case "gauge": inner = ValuePanels.gauge(items, style: style, width: box.width, height: box.height)
      case "bargauge": inner = ValuePanels.barGauge(items, style: style)
      default: inner = ValuePanels.table(items, style: style)
      }
      body +=
        "<div class=\"value-box\" style=\"\(Page.box(box.offset(-origin.x, -origin.y)))\">\(inner)</div>"
    }
    if !notes.isEmpty {
      let r = Rect(x: content.x, y: content.y, width: content.width, height: 16).offset(-origin.x, -origin.y)
      let text = notes.joined(separator: "; ")
      out +=
        "<div class=\"notes\" style=\"\(Page.box(r))\" title=\"\(HTML.escape(text))\">⚠ \(HTML.escape(text))</div>"
    }
    out += body
    return (kind, drawnArea)
  }

  /// The legend: a swatch, the name and the last value per line; the rest counted.
  func legend(_ data: ChartData, style: PanelStyle, lines: Int, box: Rect) -> String {
    var out = "<div class=\"legend\" style=\"\(Page.box(box))\">"
    let listed = data.series.filter(\.inLegend)
    let hidden = listed.count + (data.totalSeries - data.series.count) - lines
    let shown = hidden > 0 ? max(0, lines - 1) : lines
    for s in listed.prefix(shown) {
      let last = s.values.last.map((s.format ?? style.format).format) ?? "-"
      out += "<div class=\"legend-item\"><i style=\"background:\(s.color)\"></i><span class=\"legend-name\">"
      out += HTML.escape(s.name) + "</span><span class=\"legend-value\">\(HTML.escape(last))</span></div>"
    }
    if hidden > 0 {
      out += "<div class=\"legend-item muted\">+ \(hidden + 1) more series</div>"
    }
    return out + "</div>"
  }
}
