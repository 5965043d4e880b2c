public import Dashboards
import Foundation
public import PromQL

/// One line to draw: its legend name, color and points (finite values only, time order), and
/// what a panel's overrides set for it alone.
public struct ChartSeries: Hashable, Sendable {
  public var name: String
  public var color: String
  public var times: [Int64]
  public var values: [Double]
  /// The line's own width, fill and value format (nil: the panel's).
  public var lineWidth: Double?
  public var fillOpacity: Double?
  public var format: ValueFormat?
  /// Listed in the legend.
  public var inLegend = true

  /// Creates the value from its parts.
  public init(name: String, color: String, times: [Int64], values: [Double]) {
    self.name = name
    self.color = color
    self.times = times
    self.values = values
  }
}

/// Turns a panel's results into the lines a chart draws, bounded so that no panel (10,000
/// series, a fine step) can make the report unbounded: at most ``maxSeries`` lines, each at most
/// two points per pixel column.
public struct ChartData: Sendable {
  /// Grafana's classic palette, in its order.
  public static let palette = [
    "#7EB26D", "#EAB839", "#6ED0E0", "#EF843C", "#E24D42", "#1F78C1", "#BA43A9", "#705DA0", "#508642",
    "#CCA300", "#447EBC", "#C15C17", "#890F02", "#0A437C", "#6D1F62", "#584477", "#B7DBAB", "#F4D598",
    "#70DBED", "#F9BA8F", "#F29191", "#82B5D8", "#E5A8E2", "#AEA2E0",
  ]
  /// The most lines one panel draws.
  public static let maxSeries = 100

  public var series: [ChartSeries] = []
  /// Series returned in all, before the cap.
  public var totalSeries = 0
  /// What could not be drawn, for the panel's notes.
  public var notes: [String] = []

  /// The lines of `result`, stacked when the style says so, reduced to `columns` pixel columns
  /// and to about `pointBudget` points over all lines.
  public init(result: PanelResult, style: PanelStyle, columns: Int, pointBudget: Int = 20_000) {
    var hidden = 0
    let tests = style.overrides.map { ($0, $0.test()) }
    for target in result.targets where target.skipped == nil {
      totalSeries += target.series.count
      for raw in target.series where series.count < Self.maxSeries {
        let name = Self.legend(target.legendFormat(for: result.panel), labels: raw.labels)
        let rules = tests.filter { $0.1(name, target.refId) }.map(\.0)
        if rules.contains(where: \.hiddenFromChart) {
          hidden += 1
          continue
        }
        add(raw, name: name)
        for rule in rules { series[series.count - 1].apply(rule, style: style) }
      }
    }
    if hidden > 0 {
      totalSeries -= hidden
      notes.append("\(hidden) series hidden by the panel's overrides")
    }
    finish(stacked: style.stacked, columns: columns, pointBudget: pointBudget)
  }

  /// The lines of plain series (what a test's query returned), named by their labels: at most
  /// `maxSeries` of them, each reduced to `columns` pixel columns.
  public init(series raw: [Series], columns: Int, maxSeries: Int = 20, pointBudget: Int = 20_000) {
    totalSeries = raw.count
    for s in raw.prefix(Swift.max(0, Swift.min(maxSeries, Self.maxSeries))) {
      add(s, name: Self.legend("", labels: s.labels))
    }
    finish(stacked: false, columns: columns, pointBudget: pointBudget)
  }

  /// Adds a line of `raw`'s finite points, in the next palette color.
  mutating func add(_ raw: Series, name: String) {
    var times: [Int64] = []
    var values: [Double] = []
    times.reserveCapacity(raw.timestamps.count)
    values.reserveCapacity(raw.values.count)
    for (t, v) in zip(raw.timestamps, raw.values) where v.isFinite {
      times.append(t)
      values.append(v)
    }
    let color = Self.palette[series.count % Self.palette.count]
    series.append(ChartSeries(name: name, color: color, times: times, values: values))
  }

  /// Notes the cap, stacks, and downsamples every line to the point budget.
  mutating func finish(stacked: Bool, columns: Int, pointBudget: Int) {
    if totalSeries > series.count {
      notes.append("\(totalSeries) series: drew the first \(series.count)")
    }
    if stacked { stack() }
    let limit = max(2, min(columns, pointBudget / max(1, 2 * series.count)))
    series = series.map { Self.downsample($0, columns: limit) }
  }

  /// Each series adds the ones before it at the same time, as Grafana's normal stacking does.
  mutating func stack() {
    var running: [Int64: Double] = [:]
    for i in series.indices {
      for j in series[i].times.indices {
        let t = series[i].times[j]
        let sum = (running[t] ?? 0) + series[i].values[j]
        running[t] = sum
        series[i].values[j] = sum
      }
    }
  }

  /// At most two points per column (the first and last, plus the column's min and max when the
  /// line moves within it), so the drawn shape keeps its peaks.
  static func downsample(_ s: ChartSeries, columns: Int) -> ChartSeries {
    guard s.times.count > columns * 2, let first = s.times.first, let last = s.times.last, last > first else {
      return s
    }
    var out = ChartSeries(name: s.name, color: s.color, times: [], values: [])
    let span = Double(last - first)
    var bucket = -1
    var lo = 0
    var hi = 0
    func flush() {
      guard bucket >= 0 else { return }
      let (a, b) = lo <= hi ? (lo, hi) : (hi, lo)
      out.times.append(s.times[a])
      out.values.append(s.values[a])
      if b != a {
        out.times.append(s.times[b])
        out.values.append(s.values[b])
      }
    }
    for i in s.times.indices {
      let column = Int(Double(s.times[i] - first) / span * Double(columns - 1))
      if column != bucket {
        flush()
        bucket = column
        lo = i
        hi = i
      } else {
        if s.values[i] < s.values[lo] { lo = i }
        if s.values[i] > s.values[hi] { hi = i }
      }
    }
    flush()
    return out
  }

  /// The legend text: `legendFormat` with `{{label}}` replaced, or the series' labels.
  public static func legend(_ format: String, labels: Labels) -> String {
    let trimmed = format.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed == "__auto" {
      return labels.isEmpty ? "Value" : labels.description
    }
    var out = ""
    var rest = Substring(format)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        out += rest[open.lowerBound...]
        return out
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      out += labels[name] ?? ""
      rest = rest[close.upperBound...]
    }
    return out + rest
  }
}

extension ChartSeries {
  /// What `rule` sets for this line.
  mutating func apply(_ rule: SeriesOverride, style: PanelStyle) {
    if let displayName = rule.displayName { name = displayName }
    if let color = rule.color { self.color = color }
    if let lineWidth = rule.lineWidth { self.lineWidth = lineWidth }
    if let fillOpacity = rule.fillOpacity { self.fillOpacity = fillOpacity }
    if rule.unit != nil || rule.decimals != nil {
      let base = format ?? style.format
      format = ValueFormat(unit: rule.unit ?? base.unit, decimals: rule.decimals ?? base.decimals)
    }
    if rule.negativeY { values = values.map { -$0 } }
    if rule.hiddenFromLegend { inLegend = false }
  }
}

extension TargetResult {
  /// The legend template of this target in `panel`.
  func legendFormat(for panel: Panel) -> String {
    panel.targets.first { $0.refId == refId }?.legendFormat ?? ""
  }
}
