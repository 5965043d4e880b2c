import PromQL
import Report
import Synchronization
import Testing

/// The chart a failed expectation attaches to its test, so that `swift test --attachments-path DIR`
/// keeps it beside the failure: the series the expectation looked at over the span it looked
/// at, drawn by the report's chart, with the threshold and the time asked marked. One SVG file
/// named after the query, small whatever the data (at most ``maxSeries`` lines of two points per
/// pixel column).
struct FailurePlot: Sendable {
  /// What failures attached while it was in scope: Swift Testing gives a test no way to read the
  /// attachments it recorded, and the expectations' own tests need to.
  final class Log: Sendable {
    let entries = Mutex<[(name: String, svg: String)]>([])
  }

  /// The log attachments also go to, when a test of the expectations set one.
  @TaskLocal static var log: Log?

  static let width = 900.0
  static let height = 320.0
  static let maxSeries = 20
  /// Pixel columns of the plot: at most twice this many points per line (about 600).
  static let columns = 300

  /// The query the expectation ran (the file's name), what the plot draws (its title: the query,
  /// or a filter's left side), and what was expected (the subtitle).
  var query: String
  var title: String
  var subtitle: String
  var series: [Series]
  var from: Int64
  var to: Int64
  var step: Int64
  var markers: [ChartMarker]

  /// The attachment's file name: the query reduced to letters, digits, `_`, `-` and `.`.
  var name: String {
    var out = ""
    for ch in query.unicodeScalars {
      let keep =
        ch.isASCII
        && (ch.properties.isAlphabetic || ("0"..."9").contains(ch) || "-._".unicodeScalars.contains(ch))
      if keep {
        out.unicodeScalars.append(ch)
      } else if !out.isEmpty && out.last != "_" {
        out += "_"
      }
    }
    while out.last == "_" || out.last == "." { out.removeLast() }
    while out.first == "_" || out.first == "." { out.removeFirst() }
    return (out.isEmpty ? "plot" : String(out.prefix(80))) + ".svg"
  }

  /// The standalone SVG file.
  func svg() -> String {
    let data = ChartData(series: series, columns: Self.columns, maxSeries: Self.maxSeries)
    let end = max(to, from + max(1, step))
    // A line breaks where points are missing for longer than two and a half steps (or columns).
    let gap = max(step * 5 / 2, (end - from) / Int64(Self.columns) * 5 / 2, 1)
    let chart = TimeSeriesChart(
      data: data, style: PanelStyle(), from: from, to: end, width: Self.width, height: Self.height,
      gapMs: gap,
      markers: markers)
    var sub = subtitle
    if data.totalSeries > data.series.count {
      sub += " (drew \(data.series.count) of \(data.totalSeries) series)"
    }
    return chart.document(title: title, subtitle: sub)
  }

  /// Records the attachment (nothing when there is no line to draw).
  func attach(at sourceLocation: SourceLocation) {
    guard !series.isEmpty else { return }
    let text = svg()
    Self.log?.entries.withLock { $0.append((name, text)) }
    Attachment.record(text, named: name, sourceLocation: sourceLocation)
  }

  /// The lines a condition draws: its bound, or both bounds of a range.
  static func markers(_ condition: Condition?) -> [ChartMarker] {
    guard let condition else { return [] }
    switch condition {
    case .lessThan(let x), .lessThanOrEqual(let x), .greaterThan(let x), .greaterThanOrEqual(let x),
      .equal(let x, _):
      return [.value(x, label: "expected \(condition)")]
    case .between(let a, let b):
      return [.value(a, label: ">= \(Sparkline.number(a))"), .value(b, label: "<= \(Sparkline.number(b))")]
    }
  }

  /// `query` over the whole recording, its series limited to `labels` (all when empty), with the
  /// condition's threshold and the time asked (`asked` names it) marked.
  static func overRecording(
    _ query: String, labels: [Labels], condition: Condition?, time: Int64, asked: String, subtitle: String,
    in recording: Recording
  ) -> FailurePlot? {
    let (start, end) = (recording.startMs, recording.endMs)
    let step = max(recording.backend.scrapeIntervalMs, (end - start) / Int64(2 * columns), 1)
    guard var series = try? recording.backend.rangeQuery(query, start: start, end: end, step: step) else {
      return nil
    }
    let wanted = Set(labels)
    if !wanted.isEmpty { series = series.filter { wanted.contains($0.labels) } }
    return FailurePlot(
      query: query, title: query, subtitle: subtitle, series: series, from: start, to: end, step: step,
      markers: markers(condition) + [.time(time, label: asked)])
  }

  /// For a filter (`lhs > 3`): a plot of its left side over `start...end` with the number as the
  /// threshold, so a threshold never crossed shows by how much. Nil for other expressions.
  static func filtered(
    _ query: String, start: Int64, end: Int64, step: Int64, subtitle: String, marks: [ChartMarker],
    in recording: Recording
  ) -> FailurePlot? {
    guard let parsed = try? Parser.parse(query), let (side, threshold) = filter(parsed),
      let series = try? recording.backend.rangeQuery(side.description, start: start, end: end, step: step)
    else { return nil }
    return FailurePlot(
      query: query, title: side.description, subtitle: subtitle, series: series, from: start, to: end,
      step: step,
      markers: [.value(threshold, label: "threshold of \(query)")] + marks)
  }

  /// `lhs OP number` without `bool`: the side that is not the number, and the number.
  static func filter(_ expr: Expr) -> (Expr, Double)? {
    switch expr {
    case .paren(let node): return filter(node.expr)
    case .binary(let node) where node.op.isComparison && !node.returnBool:
      if case .number(let n) = node.rhs { return (node.lhs, n.value) }
      if case .number(let n) = node.lhs { return (node.rhs, n.value) }
      return nil
    default: return nil
    }
  }
}
