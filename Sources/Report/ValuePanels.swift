public import Dashboards
import Foundation
import PromQL

/// Stat, gauge, bar gauge and table panels: the panel's calculation over each series, drawn
/// the way Grafana shows it. Each returns HTML for a content box of the given size.
public enum ValuePanels {
  /// The most values a stat, gauge or bar gauge shows, and the most table rows.
  public static let maxValues = 12
  public static let maxRows = 50

  /// One reduced series.
  public struct Item: Hashable, Sendable {
    public var name: String
    public var labels: [(String, String)]
    public var value: Double?

    public static func == (a: Item, b: Item) -> Bool {
      a.name == b.name && a.value == b.value && a.labels.map(\.0) == b.labels.map(\.0)
        && a.labels.map(\.1) == b.labels.map(\.1)
    }
    public func hash(into hasher: inout Hasher) {
      hasher.combine(name)
      hasher.combine(value)
    }
  }

  /// Every series of `result` reduced with the style's calculation (at most `limit`).
  public static func items(_ result: PanelResult, style: PanelStyle, limit: Int) -> (
    items: [Item], total: Int
  ) {
    var items: [Item] = []
    var total = 0
    for target in result.targets where target.skipped == nil {
      for series in target.series {
        total += 1
        guard items.count < limit else { continue }
        let name = ChartData.legend(target.legendFormat(for: result.panel), labels: series.labels)
        // Staleness markers are NaN payloads; a range result carries none, an instant one may.
        let values = series.values.filter { !StaleMarker.isStale($0) }
        items.append(
          Item(
            name: name, labels: series.labels.map { ($0.name, $0.value) },
            value: style.reducer.reduce(values)))
      }
    }
    return (items, total)
  }

  /// The text color for a value: its threshold step, else the text color.
  static func color(_ value: Double?, _ style: PanelStyle) -> String {
    guard let value, let color = style.thresholdColor(value) else { return "currentColor" }
    return color
  }

  /// Big numbers, one per series, colored by threshold.
  public static func stat(_ items: [Item], style: PanelStyle, width: Double, height: Double) -> String {
    guard !items.isEmpty else { return "" }
    let columns = items.count <= 3 ? items.count : Int((Double(items.count)).squareRoot().rounded(.up))
    let rows = (items.count + columns - 1) / columns
    let cellW = width / Double(columns)
    let cellH = height / Double(rows)
    var out = "<div class=\"stat\" style=\"grid-template-columns:repeat(\(columns),1fr)\">"
    for item in items {
      let text = item.value.map(style.format.format) ?? "No value"
      let size = max(
        10, min(cellH * (items.count > 1 ? 0.45 : 0.6), cellW / Double(max(3, text.count)) * 1.6))
      out += "<div class=\"stat-cell\">"
      if items.count > 1 { out += "<div class=\"stat-name\">\(HTML.escape(item.name))</div>" }
      out +=
        "<div class=\"stat-value\" style=\"font-size:\(HTML.coordinate(size))px;color:\(color(item.value, style))\">"
      out += HTML.escape(text) + "</div></div>"
    }
    return out + "</div>"
  }

  /// Arcs from the panel's min to its max (Grafana's defaults 0 and 100), one per series.
  public static func gauge(_ items: [Item], style: PanelStyle, width: Double, height: Double) -> String {
    guard !items.isEmpty else { return "" }
    let lo = style.min ?? 0
    let hi = max(lo + 1e-9, style.max ?? 100)
    let cellW = width / Double(items.count)
    let r = max(8, min(cellW / 2 - 8, height * 0.55))
    var out = "<svg class=\"gauge\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTML.coordinate(width))\""
    out += " height=\"\(HTML.coordinate(height))\">"
    for (i, item) in items.enumerated() {
      let cx = cellW * (Double(i) + 0.5)
      let cy = min(height - 14, height * 0.5 + r * 0.5)
      let fraction = item.value.map { max(0, min(1, ($0 - lo) / (hi - lo))) } ?? 0
      out +=
        "<path class=\"gauge-track\" d=\"\(arc(cx, cy, r, 0, 1))\" stroke-width=\"\(HTML.coordinate(r * 0.2))\"/>"
      if fraction > 0 {
        out +=
          "<path d=\"\(arc(cx, cy, r, 0, fraction))\" fill=\"none\" stroke=\"\(color(item.value, style) == "currentColor" ? "#73BF69" : color(item.value, style))\""
        out += " stroke-width=\"\(HTML.coordinate(r * 0.2))\"/>"
      }
      let text = item.value.map(style.format.format) ?? "No value"
      out += "<text class=\"gauge-value\" x=\"\(HTML.coordinate(cx))\" y=\"\(HTML.coordinate(cy - r * 0.1))\""
      out +=
        " text-anchor=\"middle\" font-size=\"\(HTML.coordinate(max(10, r * 0.35)))\">\(HTML.escape(text))</text>"
      if items.count > 1 {
        out += "<text class=\"axis\" x=\"\(HTML.coordinate(cx))\" y=\"\(HTML.coordinate(height - 2))\""
        out += " text-anchor=\"middle\">\(HTML.escape(String(item.name.prefix(40))))</text>"
      }
    }
    return out + "</svg>"
  }

  /// An arc over the upper 240 degrees, from `a` to `b` (fractions of it).
  static func arc(_ cx: Double, _ cy: Double, _ r: Double, _ a: Double, _ b: Double) -> String {
    func point(_ f: Double) -> (Double, Double) {
      let angle = (210 - 240 * f) * Double.pi / 180
      return (cx + r * cos(angle), cy - r * sin(angle))
    }
    let (x0, y0) = point(a)
    let (x1, y1) = point(b)
    let large = (b - a) * 240 > 180 ? 1 : 0
    return
      "M\(HTML.coordinate(x0)) \(HTML.coordinate(y0))A\(HTML.coordinate(r)) \(HTML.coordinate(r)) 0 \(large) 1 "
      + "\(HTML.coordinate(x1)) \(HTML.coordinate(y1))"
  }

  /// Horizontal bars, one per series, from min to max (the largest value by default).
  public static func barGauge(_ items: [Item], style: PanelStyle) -> String {
    let lo = style.min ?? 0
    let largest = items.compactMap(\.value).filter(\.isFinite).max() ?? 1
    let hi = max(lo + 1e-9, style.max ?? largest)
    var out = "<div class=\"bars\">"
    for item in items {
      let fraction = item.value.map { max(0, min(1, ($0 - lo) / (hi - lo))) } ?? 0
      let fill = color(item.value, style) == "currentColor" ? "#73BF69" : color(item.value, style)
      out += "<div class=\"bar-row\"><span class=\"bar-name\">\(HTML.escape(item.name))</span>"
      out +=
        "<span class=\"bar-track\"><span class=\"bar-fill\" style=\"width:\(HTML.coordinate(fraction * 100))%;"
      out += "background:\(fill)\"></span></span>"
      out +=
        "<span class=\"bar-value\">\(HTML.escape(item.value.map(style.format.format) ?? "-"))</span></div>"
    }
    return out + "</div>"
  }

  /// A table: one row per series, a column per label, the reduced value last.
  public static func table(_ items: [Item], style: PanelStyle) -> String {
    var columns: [String] = []
    for item in items {
      for (name, _) in item.labels where name != "__name__" && !columns.contains(name) {
        columns.append(name)
      }
    }
    if columns.count > 12 { columns = Array(columns.prefix(12)) }
    var out = "<table class=\"table\"><thead><tr>"
    for c in columns { out += "<th>\(HTML.escape(c))</th>" }
    out +=
      "<th>\(HTML.escape(style.reducer == .lastNotNull ? "Value" : style.reducer.title))</th></tr></thead><tbody>"
    for item in items {
      out += "<tr>"
      for c in columns {
        out += "<td>\(HTML.escape(item.labels.first { $0.0 == c }?.1 ?? ""))</td>"
      }
      out += "<td class=\"num\">\(HTML.escape(item.value.map(style.format.format) ?? "-"))</td></tr>"
    }
    return out + "</tbody></table>"
  }
}
