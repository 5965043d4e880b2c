import PromQL
import Report
public import Testing

/// A range evaluation for a window check: the window, the step and the series (or nil after
/// recording an issue for a failed query).
struct WindowRun {
  let start: Int64
  let end: Int64
  let step: Int64
  let series: [Series]
  /// What the data is, for `.whole` (a recording, or the last minutes of a Prometheus).
  let whole: String

  init?(
    _ query: String, window: RecordingWindow, labels: [String: String], step: Duration?, recording: Recording,
    check: String, sourceLocation: SourceLocation
  ) {
    let (from, to) = window.resolve(start: recording.startMs, end: recording.endMs)
    start = from
    end = max(from, to)
    self.step = max(1, step?.milliseconds ?? recording.backend.scrapeIntervalMs)
    whole = recording.backend.wholeDescription
    do {
      series = try recording.backend.rangeQuery(query, start: start, end: end, step: self.step).filter { s in
        labels.allSatisfy { s.labels[$0.key] == $0.value }
      }
    } catch {
      fail(["\(check): query failed: \(error)", "  query: \(query)"], at: sourceLocation)
      return nil
    }
  }

  /// The plot of `series` (the run's, by default) over the window, with the condition's
  /// threshold and `marks`.
  func plot(
    _ query: String, _ subtitle: String, condition: Condition?, series: [Series]? = nil,
    marks: [ChartMarker] = []
  ) -> FailurePlot {
    FailurePlot(
      query: query, title: query, subtitle: subtitle, series: series ?? self.series, from: start, to: end,
      step: step, markers: FailurePlot.markers(condition) + marks)
  }

  /// For a query without a condition, a filter's left side with its threshold; else the run's.
  func plot(
    _ query: String, _ subtitle: String, condition: Condition?, marks: [ChartMarker], recording: Recording
  ) -> FailurePlot {
    if condition == nil,
      let plot = FailurePlot.filtered(
        query, start: start, end: end, step: step, subtitle: subtitle, marks: marks, in: recording)
    {
      return plot
    }
    return plot(query, subtitle, condition: condition, marks: marks)
  }

  func header(_ query: String, _ window: RecordingWindow) -> [String] {
    [
      "  query: \(query)",
      "  window: \(window == .whole ? whole : window.description) (\(Sparkline.time(start)) ... \(Sparkline.time(end)), step \(Sparkline.duration(step)))",
    ]
  }
}

/// Expects every point of every series of `query` (those whose labels include `labels`) to
/// satisfy `condition` throughout `window`. No series at all fails too: an empty query passes
/// nothing vacuously.
public func expectAlways(
  _ query: String, _ condition: Condition, during window: RecordingWindow = .whole,
  where labels: [String: String] = [:], step: Duration? = nil, in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let recording = try recording(explicit)
  guard
    let run = WindowRun(
      query, window: window, labels: labels, step: step, recording: recording, check: "expectAlways",
      sourceLocation: sourceLocation)
  else { return }
  guard !run.series.isEmpty else {
    fail(
      ["expectAlways: the query returned no series"] + run.header(query, window)
        + recording.emptyResultHints(query, start: run.start, end: run.end, step: run.step),
      at: sourceLocation)
    return
  }
  var violations: [(Series, Int64, Double)] = []
  for s in run.series {
    for (t, v) in zip(s.timestamps, s.values) where !condition.holds(v) { violations.append((s, t, v)) }
  }
  guard let first = violations.first else { return }
  var lines = ["expectAlways: expected \(condition) throughout, but \(violations.count) point(s) were not"]
  lines += run.header(query, window)
  lines += [
    "  first: \(Sparkline.number(first.2)) at \(Sparkline.time(first.1)) (+\(Sparkline.duration(first.1 - recording.startMs)) into the recording)",
    "  series: \(first.0.labels)",
  ]
  var shown: Set<Labels> = []
  for (s, _, _) in violations where shown.insert(s.labels).inserted && shown.count <= 5 {
    lines.append("  \(s.labels): \(Sparkline.describe(s))")
  }
  // The series that broke the condition first, so the cap on lines drops the others.
  let failing = Set(violations.map(\.0.labels))
  let ordered =
    run.series.filter { failing.contains($0.labels) } + run.series.filter { !failing.contains($0.labels) }
  let plot = run.plot(
    query, lines[0], condition: condition, series: ordered,
    marks: [.time(first.1, label: "first violation")])
  fail(lines, at: sourceLocation, plot: plot)
}

/// `expectAlways(query, .lessThan(limit))`.
public func expectAlways(
  _ query: String, lessThan limit: Double, during window: RecordingWindow = .whole,
  where labels: [String: String] = [:], in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  try expectAlways(
    query, .lessThan(limit), during: window, where: labels, in: explicit, sourceLocation: sourceLocation)
}

/// `expectAlways(query, .greaterThan(limit))`.
public func expectAlways(
  _ query: String, greaterThan limit: Double, during window: RecordingWindow = .whole,
  where labels: [String: String] = [:], in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  try expectAlways(
    query, .greaterThan(limit), during: window, where: labels, in: explicit, sourceLocation: sourceLocation)
}

/// Expects that at some step of the window the query returns something (a filtering
/// expression such as `increase(x[1m]) > 3`), or, with `condition`, that some point satisfies
/// it. `within:` limits the window to the first part of the recording. Returns the first time.
@discardableResult
public func expectEventually(
  _ query: String, _ condition: Condition? = nil, within: Duration? = nil,
  during window: RecordingWindow = .whole,
  where labels: [String: String] = [:], step: Duration? = nil, in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Int64? {
  let recording = try recording(explicit)
  let effective = within.map { RecordingWindow.first($0) } ?? window
  guard
    let run = WindowRun(
      query, window: effective, labels: labels, step: step, recording: recording, check: "expectEventually",
      sourceLocation: sourceLocation)
  else { return nil }
  var hits: [Int64] = []
  for s in run.series {
    for (t, v) in zip(s.timestamps, s.values) where condition?.holds(v) ?? !v.isNaN { hits.append(t) }
  }
  if let first = hits.min() { return first }
  var lines = [
    condition.map { "expectEventually: no point was \($0)" }
      ?? "expectEventually: the query never returned anything"
  ]
  lines += run.header(query, effective)
  if run.series.isEmpty {
    lines.append("  (no series at any step)")
    lines += recording.emptyResultHints(query, start: run.start, end: run.end, step: run.step)
  } else {
    for s in run.series.prefix(5) { lines.append("  \(s.labels): \(Sparkline.describe(s))") }
  }
  let plot = run.plot(query, lines[0], condition: condition, marks: [], recording: recording)
  fail(lines, at: sourceLocation, plot: plot)
  return nil
}

/// Expects that the query returns nothing at every step of the window (an alert-style filter),
/// or, with `condition`, that no point satisfies it.
public func expectNever(
  _ query: String, _ condition: Condition? = nil, during window: RecordingWindow = .whole,
  where labels: [String: String] = [:], step: Duration? = nil, in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let recording = try recording(explicit)
  guard
    let run = WindowRun(
      query, window: window, labels: labels, step: step, recording: recording, check: "expectNever",
      sourceLocation: sourceLocation)
  else { return }
  var hits: [(Series, Int64, Double)] = []
  for s in run.series {
    for (t, v) in zip(s.timestamps, s.values) where condition?.holds(v) ?? !v.isNaN { hits.append((s, t, v)) }
  }
  guard let first = hits.min(by: { $0.1 < $1.1 }) else { return }
  var lines = [
    condition.map { "expectNever: \(hits.count) point(s) were \($0)" }
      ?? "expectNever: the query returned something at \(Set(hits.map(\.1)).count) step(s)"
  ]
  lines += run.header(query, window)
  lines += [
    "  first: \(Sparkline.number(first.2)) at \(Sparkline.time(first.1)) (+\(Sparkline.duration(first.1 - recording.startMs)) into the recording)",
    "  series: \(first.0.labels)", "  \(first.0.labels): \(Sparkline.describe(first.0))",
  ]
  let plot = run.plot(
    query, lines[0], condition: condition, marks: [.time(first.1, label: "first hit")], recording: recording)
  fail(lines, at: sourceLocation, plot: plot)
}
