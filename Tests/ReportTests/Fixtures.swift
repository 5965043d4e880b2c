import Dashboards
import PromQL
import Report

/// Small hand-made inputs for the writers.
enum Fixtures {
  static let from: Int64 = 1_700_000_000_000
  static let to: Int64 = from + 600_000

  /// A dashboard of one panel given as JSON (so its fieldConfig and options are read).
  static func dashboard(panelJSON: String, title: String = "Demo") throws -> Dashboard {
    try Dashboard.parse("{\"title\": \"\(title)\", \"panels\": [\(panelJSON)]}", path: "demo.json")
  }

  /// A range series every minute over the range.
  static func series(_ labels: [String: String], _ values: [Double]) -> Series {
    Series(
      labels: Labels(labels), timestamps: values.indices.map { from + Int64($0) * 60_000 }, values: values)
  }

  static func result(_ panel: Panel, _ series: [Series], step: Int64 = 60_000) -> PanelResult {
    PanelResult(
      panel: panel, title: panel.title,
      targets: [TargetResult(refId: "A", expr: "up", kind: .range, stepMs: step, series: series)])
  }

  static let recording = RecordingSummary(
    path: "demo.rayrec", startMs: from, endMs: to,
    targets: [
      RecordingSummary.Target(
        name: "10.0.0.1:8080", job: "ray", times: [from, from + 300_000, to],
        outcomes: [.up, .refused, .up])
    ])

  static func input(_ dashboard: Dashboard, _ results: [PanelResult]) -> ReportInput {
    ReportInput(
      recording: recording, from: from, to: to,
      dashboards: [DashboardCheck(dashboard: dashboard, results: results, patterns: [])])
  }
}
