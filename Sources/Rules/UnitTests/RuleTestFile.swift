/// A `promtool test rules` file: rule files to load and test groups over input series.
public struct RuleTestFile: Sendable {
  /// The rule files as written (paths or globs, relative to the test file's folder).
  public var ruleFiles: [String]
  /// The evaluation interval (ms); 1m when not given.
  public var evaluationInterval: Int64
  /// `group_eval_order`.
  public var groupEvalOrder: [String]
  /// `fuzzy_compare`: floats that differ by one ulp count as equal.
  public var fuzzyCompare: Bool
  /// The test groups.
  public var tests: [RuleTestGroup]
}

/// One entry of `tests`.
public struct RuleTestGroup: Sendable {
  /// `name`.
  public var name: String
  /// `interval` (ms), or nil when not given.
  public var interval: Int64?
  /// `input_series`.
  public var inputSeries: [(series: String, values: String)]
  /// `input_recording` (rayrec's own): series taken from a recording.
  public var inputRecordings: [InputRecording]
  /// `alert_rule_test`.
  public var alertTests: [AlertTestCase]
  /// `promql_expr_test`.
  public var exprTests: [ExprTestCase]
  /// `external_labels`.
  public var externalLabels: [(name: String, value: String)]
  /// `external_url`.
  public var externalURL: String
  /// `start_timestamp` (Unix ms), 0 when not given.
  public var startTimestamp: Int64

  /// The largest eval time of any case (ms).
  var maxEvalTime: Int64 {
    max(alertTests.map(\.evalTime).max() ?? 0, exprTests.map(\.evalTime).max() ?? 0)
  }
}

/// `input_recording: {path, labels, from, to}`: a recording's series as test input, its start at
/// the test's time 0.
public struct InputRecording: Sendable {
  /// The archive's path (relative to the test file's folder).
  public var path: String
  /// Labels added to every recorded target.
  public var labels: [(name: String, value: String)]
  /// Offsets into the recording (ms from its first frame), or nil for its start and end.
  public var from: Int64?
  public var to: Int64?
}

/// One entry of `alert_rule_test`.
public struct AlertTestCase: Sendable {
  /// `eval_time` (ms).
  public var evalTime: Int64
  /// `alertname`.
  public var alertname: String
  /// `exp_alerts`: labels and annotations of each firing alert expected.
  public var expected: [(labels: [(String, String)], annotations: [(String, String)])]
}

/// One entry of `promql_expr_test`.
public struct ExprTestCase: Sendable {
  /// `expr`.
  public var expr: String
  /// `eval_time` (ms).
  public var evalTime: Int64
  /// `exp_samples`: label text, value, and the native histogram text (empty for floats).
  public var expected: [(labels: String, value: Double, histogram: String)]
}
