extension TimeSeriesChart {
  /// The height of the title line, and of each further line of text (subtitle, legend).
  static let titleLine = 22.0
  static let textLine = 16.0

  /// The chart as a standalone SVG file, for a failed test's attachment: its own style sheet
  /// (light theme, no custom properties), a title and subtitle above, a legend below of at most
  /// `legendLines` lines, and nothing fetched.
  public func document(title: String, subtitle: String = "", legendLines: Int = 8) -> String {
    let entries = data.series.count + (data.totalSeries > data.series.count ? 1 : 0)
    let lines = Swift.max(0, Swift.min(legendLines, entries))
    let top = Self.titleLine + (subtitle.isEmpty ? 0 : Self.textLine)
    let total = top + height + (lines > 0 ? Double(lines) * Self.textLine + 6 : 0)
    let (w, h) = (HTML.coordinate(width), HTML.coordinate(total))
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">"
    out += "<style>text{font-family:Inter,\"Helvetica Neue\",Helvetica,Arial,sans-serif}"
    out += ".title{font-size:13px;font-weight:500;fill:#24292e}.sub,.legend{font-size:11px;fill:#24292e}"
    out += ".sub{fill:rgba(36,41,46,.75)}.chart .marker-label{font-size:11px;font-weight:500}"
    out += ReportStyle.chartRules(muted: "rgba(36,41,46,.75)", grid: "rgba(36,41,46,.12)") + "</style>"
    out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#fff\"/>"
    out += "<text class=\"title\" x=\"8\" y=\"16\">\(HTML.escape(Self.clipped(title, 150)))</text>"
    if !subtitle.isEmpty {
      out += "<text class=\"sub\" x=\"8\" y=\"\(HTML.coordinate(Self.titleLine + 12))\">"
      out += HTML.escape(Self.clipped(subtitle, 180)) + "</text>"
    }
    out += "<g transform=\"translate(0 \(HTML.coordinate(top)))\">" + svg() + "</g>"
    let hidden = data.totalSeries - lines
    let shown = hidden > 0 ? Swift.max(0, lines - 1) : lines
    for (i, s) in data.series.prefix(shown).enumerated() {
      let y = top + height + 4 + Double(i) * Self.textLine
      let last = s.values.last.map(style.format.format) ?? "-"
      out += "<rect x=\"\(HTML.coordinate(left))\" y=\"\(HTML.coordinate(y + 6))\" width=\"14\" height=\"4\""
      out += " fill=\"\(s.color)\"/><text class=\"legend\" x=\"\(HTML.coordinate(left + 20))\""
      out +=
        " y=\"\(HTML.coordinate(y + 11))\">\(HTML.escape(Self.clipped(s.name, 140)))  (last \(HTML.escape(last)))</text>"
    }
    if hidden > 0 && lines > 0 {
      let y = top + height + 4 + Double(shown) * Self.textLine
      out += "<text class=\"sub\" x=\"\(HTML.coordinate(left + 20))\" y=\"\(HTML.coordinate(y + 11))\">"
      out += "+ \(data.totalSeries - shown) more series</text>"
    }
    return out + "</svg>\n"
  }

  /// `text` cut to `limit` characters with an ellipsis: an SVG text does not wrap or clip.
  static func clipped(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}
