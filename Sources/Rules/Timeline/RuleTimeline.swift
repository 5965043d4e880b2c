public import PromQL

/// What a set of rules did over a stretch of recorded time: every alert episode (pending, firing,
/// resolved) per alert instance, what each recording rule produced, and the evaluation errors.
public struct RuleTimeline: Sendable {
  /// One stretch of an alert instance being active: from pending to resolved (or to the end).
  public struct Episode: Sendable {
    /// The alerting rule's name.
    public var alert: String
    /// The group it belongs to.
    public var group: String
    /// The alert's labels (with `alertname`).
    public var labels: Labels
    /// The annotations as last expanded.
    public var annotations: Labels
    /// When it went pending (Unix ms).
    public var pendingAt: Int64
    /// When it fired, if it did.
    public var firedAt: Int64?
    /// When it ended: resolved after firing, or dropped while pending; nil when still active at the end.
    public var endedAt: Int64?
    /// The expression's highest value while active.
    public var peak: Double
  }

  /// What one recording rule produced.
  public struct Recording: Sendable {
    /// The record name.
    public var record: String
    /// The group it belongs to.
    public var group: String
    /// Distinct output series.
    public var series: Int
    /// Samples written (stale markers not counted).
    public var samples: Int
    /// The smallest and largest value written, if any.
    public var range: ClosedRange<Double>?
  }

  /// The evaluated span (Unix ms).
  public var start: Int64
  public var end: Int64
  /// How many group evaluations ran.
  public var evaluations: Int
  /// Every alert episode, by start time.
  public var episodes: [Episode]
  /// Alerting rules that never went pending.
  public var silentAlerts: [String]
  /// Per recording rule, in file order.
  public var recordings: [Recording]
  /// Evaluation failures (at most the first 100) and how many there were in all.
  public var failures: [RuleFailure]
  public var failureCount: Int
  /// The evaluator as it stood after the last evaluation: its storage holds the recorded series
  /// and every sample the rules wrote (query it for recording-rule series and `ALERTS`), its
  /// groups the alerts and last errors of every rule.
  public var evaluator: RuleEvaluator
}
