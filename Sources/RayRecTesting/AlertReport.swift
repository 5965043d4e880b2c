import Foundation
import PromQL
import Report
import Rules

/// What failure messages of alert expectations show: the alert's timeline and its expression's
/// values around the time asked.
enum AlertReport {
  static func episodes(_ alertname: String, labels: [String: String], in backend: RulesBackend)
    -> [RuleTimeline.Episode]
  {
    backend.timeline.episodes.filter { episode in
      episode.alert == alertname && labels.allSatisfy { episode.labels[$0.key] == $0.value }
    }
  }

  static func describe(_ labels: [String: String]) -> String {
    labels.isEmpty
      ? ""
      : "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ")
        + "}"
  }

  static func context(
    _ alertname: String, rules: [(group: String, file: String, rule: Rule)], labels: [String: String],
    focus: Int64, in backend: RulesBackend
  ) -> [String] {
    var lines: [String] = []
    let start = backend.startMs
    for entry in rules {
      var rule = "  rule: \(entry.rule.exprText.trimmingCharacters(in: .whitespacesAndNewlines))"
      if entry.rule.holdDuration > 0 { rule += ", for \(Sparkline.duration(entry.rule.holdDuration))" }
      lines.append(rule + " (group \(entry.group) of \(entry.file))")
    }
    let episodes = episodes(alertname, labels: labels, in: backend)
    if episodes.isEmpty {
      lines.append("  timeline: it never went pending")
    } else {
      lines.append("  timeline:")
      for episode in episodes.prefix(8) {
        var stages = ["pending \(offset(episode.pendingAt, start))"]
        if let fired = episode.firedAt { stages.append("firing \(offset(fired, start))") }
        if let ended = episode.endedAt {
          stages.append((episode.firedAt == nil ? "dropped " : "resolved ") + offset(ended, start))
        }
        lines.append("    \(episode.labels): " + stages.joined(separator: " -> "))
      }
      if episodes.count > 8 { lines.append("    ... \(episodes.count - 8) more") }
    }
    guard let rule = rules.first?.rule else { return lines }
    // The values the condition compares: the left side of a top-level comparison, else the expression.
    var shown = rule.expr
    var threshold = ""
    if case .binary(let node) = rule.expr, node.op.isComparison, !node.returnBool {
      shown = node.lhs
      threshold = " \(node.op.rawValue) \(node.rhs)"
    }
    let (from, to) = span(rule, focus: focus, in: backend)
    let step = max(backend.scrapeIntervalMs, (to - from) / 60)
    guard
      let series = try? QueryLimits.current.applied(to: backend.queryEngine).rangeQuery(
        shown, start: from, end: to, step: step)
    else {
      return lines
    }
    let relevant = series.filter { s in
      labels.allSatisfy { s.labels[$0.key] == nil || s.labels[$0.key] == $0.value }
    }
    if relevant.isEmpty {
      lines.append("  \(shown) returned nothing from \(offset(from, start)) to \(offset(to, start))")
    } else {
      lines.append("  \(shown)\(threshold), from \(offset(from, start)) to \(offset(to, start)):")
      for s in relevant.prefix(5) {
        let points = zip(s.timestamps, s.values).filter { !$0.1.isNaN }
        var line = "    \(s.labels): \(Sparkline.describe(s))"
        if let peak = points.max(by: { $0.1 < $1.1 }) {
          line += "; peak \(Sparkline.number(peak.1)) at \(offset(peak.0, start))"
        }
        lines.append(line)
      }
    }
    return lines
  }

  /// The span messages and plots show around `focus`: ten minutes, or three `for:` spans, before it.
  static func span(_ rule: Rule, focus: Int64, in backend: RulesBackend) -> (Int64, Int64) {
    let from = max(backend.startMs, focus - max(10 * 60_000, rule.holdDuration * 3))
    return (from, min(backend.endMs, max(focus, from + backend.scrapeIntervalMs)))
  }

  /// The plot of the first rule's expression over ``span(_:focus:in:)``: its left side and
  /// threshold when it is a comparison, the series with `labels`, the time asked marked.
  static func plot(
    _ alertname: String, rules: [(group: String, file: String, rule: Rule)], labels: [String: String],
    focus: Int64, asked: String, subtitle: String, in backend: RulesBackend
  ) -> FailurePlot? {
    guard let rule = rules.first?.rule else { return nil }
    var shown = rule.expr
    var marks = [ChartMarker.time(focus, label: asked)]
    if let (side, threshold) = FailurePlot.filter(rule.expr) {
      shown = side
      marks.insert(.value(threshold, label: "threshold of \(alertname)"), at: 0)
    }
    let (from, to) = span(rule, focus: focus, in: backend)
    let step = max(backend.scrapeIntervalMs, (to - from) / Int64(2 * FailurePlot.columns), 1)
    guard
      let series = try? QueryLimits.current.applied(to: backend.queryEngine).rangeQuery(
        shown, start: from, end: to, step: step)
    else { return nil }
    let relevant = series.filter { s in
      labels.allSatisfy { s.labels[$0.key] == nil || s.labels[$0.key] == $0.value }
    }
    return FailurePlot(
      query: alertname, title: shown.description, subtitle: subtitle, series: relevant, from: from, to: to,
      step: step, markers: marks)
  }

  static func offset(_ time: Int64, _ start: Int64) -> String {
    "\(Sparkline.time(time)) (+\(Sparkline.duration(time - start)))"
  }
}
