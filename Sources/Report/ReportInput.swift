public import Dashboards
public import Rules

/// Everything one report shows: the recording, each dashboard's panel results, the alerts.
public struct ReportInput: Sendable {
  /// The recording's header facts.
  public var recording: RecordingSummary
  /// The dashboard range (Unix ms), the time axis of every chart.
  public var from: Int64
  public var to: Int64
  /// Each dashboard's results, judged as `check dashboard` judges them.
  public var dashboards: [DashboardCheck]
  /// Dashboards that could not be read, with the error.
  public var unreadable: [String]
  /// The alert timeline, when rule files were given.
  public var timeline: RuleTimeline?
  /// Variable choices given on the command line (`NAME=VALUE`), for the header.
  public var variables: [String]

  /// Creates the value from its parts.
  public init(
    recording: RecordingSummary, from: Int64, to: Int64, dashboards: [DashboardCheck],
    unreadable: [String] = [], timeline: RuleTimeline? = nil, variables: [String] = []
  ) {
    self.recording = recording
    self.from = from
    self.to = to
    self.dashboards = dashboards
    self.unreadable = unreadable
    self.timeline = timeline
    self.variables = variables
  }
}
