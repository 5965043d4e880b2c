/// How rules are evaluated.
public struct RuleEvaluationOptions: Sendable {
  /// Prometheus 2.x semantics in the engine (as `--compat 2`).
  public var prometheus2 = false
  /// The engine's lookback (ms).
  public var lookbackDelta: Int64 = 5 * 60_000
  /// The interval of groups that name none, and the default subquery step (ms).
  public var defaultInterval: Int64 = 60_000
  /// The global `query_offset` (ms) for groups that name none.
  public var defaultQueryOffset: Int64 = 0
  /// `external_labels` (for `$externalLabels`).
  public var externalLabels: [String: String] = [:]
  /// `external_url` (for `$externalURL`).
  public var externalURL = ""
  /// How long one rule's query may evaluate (Prometheus's `--query.timeout`); nil: no limit.
  public var queryTimeout: Duration? = nil
  /// How many samples one rule's query may hold (`--query.max-samples`); nil: no limit.
  public var maxSamples: Int? = nil

  /// The defaults: Prometheus 3, 1m interval, 5m lookback.
  public init() {}
}
