/// Draws a time series panel as an SVG line chart: value axis with the panel's unit, time axis
/// over the dashboard range, thresholds, filled or stacked lines.
public struct TimeSeriesChart: Sendable {
  public var data: ChartData
  public var style: PanelStyle
  public var from: Int64
  public var to: Int64
  /// The chart's size in CSS pixels.
  public var width: Double
  public var height: Double
  /// Gaps longer than this (ms) break the line, as Grafana breaks it at missing points.
  public var gapMs: Int64
  /// Lines drawn over the data (a failed test's threshold and time); the report draws none.
  public var markers: [ChartMarker]

  /// The value axis' width when the labels are not yet known (for sizing the data).
  static let left = 58.0
  /// The value axis' width: its widest label, within a third of the chart.
  private(set) var left: Double
  static let right = 10.0
  static let top = 8.0
  static let bottom = 20.0

  /// Creates the chart.
  public init(
    data: ChartData, style: PanelStyle, from: Int64, to: Int64, width: Double, height: Double, gapMs: Int64,
    markers: [ChartMarker] = []
  ) {
    self.data = data
    self.style = style
    self.from = from
    self.to = to
    self.width = width
    self.height = height
    self.gapMs = gapMs
    self.markers = markers
    self.left = Self.left
    let (lo, hi) = ticksRange()
    let widest =
      Axis.valueTicks(lo: lo, hi: hi, count: tickCount).map { style.format.format($0).count }.max() ?? 4
    self.left = Swift.min(width / 3, Swift.max(40, Double(widest) * 6.6 + 12))
  }

  var tickCount: Int { Swift.max(2, Int((height - Self.top - Self.bottom) / 40)) }

  /// The value range with the nice top the ticks end on.
  func ticksRange() -> (Double, Double) {
    var (lo, hi) = valueRange()
    if style.max == nil { hi = Axis.niceMax(lo: lo, hi: hi, count: tickCount) }
    return (lo, hi)
  }

  /// Where the lines go, within the chart.
  public var plotArea: Rect {
    Rect(
      x: left, y: Self.top, width: max(10, width - left - Self.right),
      height: max(10, height - Self.top - Self.bottom))
  }

  /// The value range drawn: the panel's min/max, else the data's (from zero for positive data).
  func valueRange() -> (Double, Double) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for s in data.series {
      for v in s.values {
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
      }
    }
    // A threshold off the data's scale is the point of a failure plot: the axis reaches it.
    for case .value(let v, _) in markers where v.isFinite {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
    if !lo.isFinite { (lo, hi) = (0, 1) }
    if lo > 0 { lo = 0 }
    if let min = style.min { lo = min }
    if let max = style.max { hi = max }
    if hi <= lo { hi = lo + (lo == 0 ? 1 : abs(lo) * 0.1) }
    return (lo, hi)
  }

  /// The SVG element.
  public func svg() -> String {
    let plot = plotArea
    let (lo, hi) = ticksRange()
    let span = to > from ? Double(to - from) : 1
    func x(_ t: Int64) -> Double { plot.x + Double(t - from) / span * plot.width }
    func y(_ v: Double) -> Double {
      let clamped = Swift.min(hi + (hi - lo), Swift.max(lo - (hi - lo), v))
      return plot.y + plot.height - (clamped - lo) / (hi - lo) * plot.height
    }
    var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(HTML.coordinate(width))\""
    out +=
      " height=\"\(HTML.coordinate(height))\" viewBox=\"0 0 \(HTML.coordinate(width)) \(HTML.coordinate(height))\">"
    // Value grid and labels.
    for tick in Axis.valueTicks(lo: lo, hi: hi, count: tickCount) {
      let ty = HTML.coordinate(y(tick))
      out +=
        "<line class=\"grid\" x1=\"\(HTML.coordinate(plot.x))\" x2=\"\(HTML.coordinate(plot.x + plot.width))\""
      out += " y1=\"\(ty)\" y2=\"\(ty)\"/>"
      out += "<text class=\"axis\" x=\"\(HTML.coordinate(plot.x - 6))\" y=\"\(ty)\" text-anchor=\"end\""
      out += " dominant-baseline=\"middle\">\(HTML.escape(style.format.format(tick)))</text>"
    }
    // Time grid and labels.
    let (ticks, step) = Axis.timeTicks(from: from, to: to, count: Swift.max(2, Int(plot.width / 90)))
    for tick in ticks {
      let tx = HTML.coordinate(x(tick))
      out += "<line class=\"grid\" x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(HTML.coordinate(plot.y))\""
      out += " y2=\"\(HTML.coordinate(plot.y + plot.height))\"/>"
      out += "<text class=\"axis\" x=\"\(tx)\" y=\"\(HTML.coordinate(height - 5))\" text-anchor=\"middle\">"
      out += Axis.timeLabel(tick, stepMs: step) + "</text>"
    }
    // A nested viewport with the same coordinates clips lines that leave the plot (a fixed max).
    // Two pixels of slack above and below keep a line along the edge (all zeros) visible.
    let box = [plot.x, plot.y - 2, plot.width, plot.height + 4].map(HTML.coordinate)
    out += "<svg x=\"\(box[0])\" y=\"\(box[1])\" width=\"\(box[2])\" height=\"\(box[3])\""
    out += " viewBox=\"\(box.joined(separator: " "))\">"
    let baseline = HTML.coordinate(y(Swift.max(lo, Swift.min(hi, 0))))
    // Stacked fills are drawn top series first, so each lower band covers the one above it.
    for s in data.series.reversed() {
      let fill = s.fillOpacity ?? style.fillOpacity
      if fill > 0 {
        for run in runs(s) where run.count > 1 {
          var d = "M" + HTML.coordinate(x(s.times[run[0]])) + " " + baseline
          for i in run { d += "L" + HTML.coordinate(x(s.times[i])) + " " + HTML.coordinate(y(s.values[i])) }
          d += "L" + HTML.coordinate(x(s.times[run[run.count - 1]])) + " " + baseline + "Z"
          let opacity = HTML.coordinate(Swift.max(0.1, fill))
          out += "<path d=\"\(d)\" fill=\"\(s.color)\" fill-opacity=\"\(opacity)\" stroke=\"none\"/>"
        }
      }
    }
    for s in data.series {
      var d = ""
      for run in runs(s) {
        // A lone point (a series that exists for one step) is a dot, as Grafana shows it.
        if run.count == 1 {
          out +=
            "<circle cx=\"\(HTML.coordinate(x(s.times[run[0]])))\" cy=\"\(HTML.coordinate(y(s.values[run[0]])))\""
          out += " r=\"2.5\" fill=\"\(s.color)\"/>"
          continue
        }
        for (k, i) in run.enumerated() {
          d += (k == 0 ? "M" : "L") + HTML.coordinate(x(s.times[i])) + " " + HTML.coordinate(y(s.values[i]))
        }
      }
      guard !d.isEmpty else { continue }
      out +=
        "<path class=\"line\" d=\"\(d)\" stroke=\"\(s.color)\" stroke-width=\"\(HTML.coordinate(s.lineWidth ?? style.lineWidth))\"/>"
    }
    out += "</svg>"
    if style.thresholdLines {
      for step in style.thresholds {
        guard let value = step.value, value >= lo, value <= hi else { continue }
        let ty = HTML.coordinate(y(value))
        out +=
          "<line class=\"threshold\" x1=\"\(HTML.coordinate(plot.x))\" x2=\"\(HTML.coordinate(plot.x + plot.width))\""
        out += " y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"\(step.color)\"/>"
      }
    }
    for marker in markers { out += draw(marker, plot: plot, x: x, y: y) }
    return out + "</svg>"
  }

  /// A marker's dashed line and its label, inside the plot; nothing for a time off the chart.
  func draw(_ marker: ChartMarker, plot: Rect, x: (Int64) -> Double, y: (Double) -> Double) -> String {
    let color: String
    let text: String
    let anchor: String
    let start: (x: Double, y: Double)
    let end: (x: Double, y: Double)
    let label: (x: Double, y: Double)
    switch marker {
    case .value(let v, let name):
      guard v.isFinite else { return "" }
      let ty = y(v)
      (color, text, anchor) = (ChartMarker.valueColor, name, "end")
      (start, end) = ((plot.x, ty), (plot.x + plot.width, ty))
      label = (plot.x + plot.width - 4, Swift.max(plot.y + 10, ty - 4))
    case .time(let t, let name):
      guard t >= from, t <= to else { return "" }
      let tx = x(t)
      // Labels near the right edge go left of the line, so they stay inside the plot.
      let right = tx > plot.x + plot.width * 0.7
      (color, text, anchor) = (ChartMarker.timeColor, name, right ? "end" : "start")
      (start, end) = ((tx, plot.y), (tx, plot.y + plot.height))
      label = (right ? tx - 4 : tx + 4, plot.y + 10)
    }
    var out = "<line class=\"marker\" x1=\"\(HTML.coordinate(start.x))\" x2=\"\(HTML.coordinate(end.x))\""
    out += " y1=\"\(HTML.coordinate(start.y))\" y2=\"\(HTML.coordinate(end.y))\" stroke=\"\(color)\""
    out += " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
    guard !text.isEmpty else { return out }
    out += "<text class=\"marker-label\" x=\"\(HTML.coordinate(label.x))\" y=\"\(HTML.coordinate(label.y))\""
    // A style attribute: the page's `.chart text` rule would override a fill attribute.
    out += " text-anchor=\"\(anchor)\" style=\"fill:\(color)\">\(HTML.escape(text))</text>"
    return out
  }

  /// Index ranges of `s` without gaps longer than ``gapMs``.
  func runs(_ s: ChartSeries) -> [[Int]] {
    var out: [[Int]] = []
    var current: [Int] = []
    for i in s.times.indices {
      if let previous = current.last, s.times[i] - s.times[previous] > gapMs {
        out.append(current)
        current = []
      }
      current.append(i)
    }
    if !current.isEmpty { out.append(current) }
    return out
  }
}
