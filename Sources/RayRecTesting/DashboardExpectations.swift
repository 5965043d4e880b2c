@_exported public import Dashboards
public import Testing

extension Panel: CustomTestStringConvertible {
  /// `Row / Title` in test names.
  public var testDescription: String { description }
}

/// Evaluates `panel` over the recording as Grafana would and expects it to show data; a failure
/// names the reason (a metric or label value the recording lacks, or the query error). Runs over
/// any backend: in-process over an archive, or over HTTP against `rayrec serve` or a Prometheus.
@discardableResult
public func expectData(
  _ panel: Panel, variables: [String: [String]] = [:], scrapeInterval: Duration? = nil,
  in explicit: Recording? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [PanelResult] {
  let recording = try recording(explicit)
  var evaluator = DashboardEvaluator(
    service: recording.backend.service, from: recording.startMs, to: recording.endMs)
  evaluator.overrides = variables
  evaluator.scrapeIntervalMs = scrapeInterval?.milliseconds ?? 15_000
  let dashboard = Dashboard(title: panel.dashboard, variables: panel.dashboardVariables, panels: [panel])
  let results = evaluator.evaluate(panel, in: dashboard, variables: evaluator.resolveVariables(dashboard))
  for result in results where [.noData, .fallbackOnly, .error].contains(result.status) {
    var lines = ["expectData: panel \"\(result.displayName)\" shows \(result.status.rawValue)"]
    lines += result.reasons.map { "  reason: \($0)" }
    for target in result.targets { lines.append("  \(target.refId): \(target.expr)") }
    // Only a fallback-only panel has series to draw: what its fallback branches returned.
    let plot = FailurePlot(
      query: result.displayName, title: result.displayName, subtitle: lines[0],
      series: result.targets.flatMap(\.series), from: recording.startMs, to: recording.endMs,
      step: result.targets.map(\.stepMs).max() ?? 0, markers: [])
    fail(lines, at: sourceLocation, plot: plot)
  }
  return results
}
