public import PromQL
import Report
public import Testing

/// Which label sets an alerting rule would have firing at `time`: the expression returned them
/// at every rule evaluation from `time - for` to `time` (evaluations every `interval`, aligned
/// to `time`), as Prometheus moves an alert from pending to firing.
public func firingAlerts(
  _ expr: String, for holdDuration: Duration = .zero, at time: Int64,
  evaluationInterval: Duration = .seconds(15),
  in recording: Recording
) throws -> [Labels] {
  let interval = max(1, evaluationInterval.milliseconds)
  let hold = max(0, holdDuration.milliseconds)
  let steps = (hold + interval - 1) / interval
  let start = time - steps * interval
  let series = try recording.backend.rangeQuery(expr, start: start, end: time, step: interval)
  let needed = Int(steps) + 1
  return series.filter { s in
    // One point per evaluation (NaN results still count: the rule returned the series).
    let times = Set(s.timestamps)
    return (0..<needed).allSatisfy { times.contains(start + Int64($0) * interval) }
  }.map(\.labels)
}

/// Expects the alerting expression (`increase(x[1m]) > 3`) with `for:` to be firing at `time`,
/// for at least one label set (or one including `labels`). Returns the firing label sets.
@discardableResult
public func expectAlertFires(
  _ expr: String, for holdDuration: Duration = .zero, at time: RecordingTime = .end,
  where labels: [String: String] = [:], evaluationInterval: Duration = .seconds(15),
  in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> [Labels] {
  let recording = try recording(explicit)
  let t = time.resolve(start: recording.startMs, end: recording.endMs)
  let firing: [Labels]
  do {
    firing = try firingAlerts(
      expr, for: holdDuration, at: t, evaluationInterval: evaluationInterval, in: recording
    ).filter { l in labels.allSatisfy { l[$0.key] == $0.value } }
  } catch {
    fail(["expectAlertFires: query failed: \(error)", "  expr: \(expr)"], at: sourceLocation)
    return []
  }
  if firing.isEmpty {
    var lines = [
      "expectAlertFires: the alert is not firing at \(time) (\(Sparkline.time(t)))",
      "  expr: \(expr)",
      "  for: \(Sparkline.duration(holdDuration.milliseconds)), evaluated every \(Sparkline.duration(evaluationInterval.milliseconds))",
    ]
    let window = max(holdDuration.milliseconds * 2, 4 * evaluationInterval.milliseconds)
    let start = max(recording.startMs, t - window)
    if let series = try? recording.backend.rangeQuery(
      expr, start: start, end: t, step: max(1, evaluationInterval.milliseconds))
    {
      if series.isEmpty {
        lines.append("  the expression returned nothing from \(Sparkline.time(start)) to then")
        lines += recording.emptyResultHints(
          expr, start: start, end: t, step: max(1, evaluationInterval.milliseconds))
      }
      for s in series.prefix(5) {
        lines.append(
          "  \(s.labels): present at \(s.timestamps.count) evaluation(s): \(Sparkline.describe(s))")
      }
    }
    fail(
      lines, at: sourceLocation,
      plot: alertPlot(
        expr, hold: holdDuration, at: t, asked: "\(time)", interval: evaluationInterval, lines[0], recording))
  }
  return firing
}

/// Expects the alerting expression with `for:` not to be firing at `time`. (`for:` has no
/// default here, so `expectAlertSilent("AlertName")` names an alert of the loaded rule files.)
public func expectAlertSilent(
  _ expr: String, for holdDuration: Duration, at time: RecordingTime = .end,
  evaluationInterval: Duration = .seconds(15), in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let recording = try recording(explicit)
  let t = time.resolve(start: recording.startMs, end: recording.endMs)
  do {
    let firing = try firingAlerts(
      expr, for: holdDuration, at: t, evaluationInterval: evaluationInterval, in: recording)
    guard !firing.isEmpty else { return }
    fail(
      [
        "expectAlertSilent: the alert is firing at \(time) (\(Sparkline.time(t))) for \(firing.count) label set(s)",
        "  expr: \(expr)", "  for: \(Sparkline.duration(holdDuration.milliseconds))",
      ] + firing.prefix(5).map { "  firing: \($0)" }, at: sourceLocation,
      plot: alertPlot(
        expr, hold: holdDuration, at: t, asked: "\(time)", interval: evaluationInterval,
        "expectAlertSilent: the alert is firing at \(time)", recording))
  } catch {
    fail(["expectAlertSilent: query failed: \(error)", "  expr: \(expr)"], at: sourceLocation)
  }
}

/// The plot of an alert expression before `time` (at least ten minutes, three `for:` spans): its
/// left side and threshold when it is a filter, else its series; the time asked marked.
func alertPlot(
  _ expr: String, hold: Duration, at time: Int64, asked: String, interval: Duration, _ subtitle: String,
  _ recording: Recording
) -> FailurePlot? {
  let start = max(recording.startMs, time - max(10 * 60_000, 3 * hold.milliseconds))
  let step = max(1, interval.milliseconds)
  let marks = [ChartMarker.time(time, label: "asked: \(asked)")]
  if let plot = FailurePlot.filtered(
    expr, start: start, end: time, step: step, subtitle: subtitle, marks: marks, in: recording)
  {
    return plot
  }
  guard let series = try? recording.backend.rangeQuery(expr, start: start, end: time, step: step) else {
    return nil
  }
  return FailurePlot(
    query: expr, title: expr, subtitle: subtitle, series: series, from: start, to: time, step: step,
    markers: marks)
}
