import Foundation

/// Evaluates PromQL expressions over a ``Storage`` with Prometheus 3 semantics: left-open range
/// windows `(t - range, t]`, a 5 minute lookback, staleness markers, `rate()` extrapolation.
public struct Engine: Sendable {
  /// Where samples come from.
  public let storage: any Storage
  /// How far back an instant selector looks for the latest sample (ms).
  public var lookbackDelta: Int64 = 5 * 60_000
  /// Resolution of subqueries written without a step, e.g. `x[5m:]` (ms).
  public var defaultSubqueryStep: Int64 = 60_000
  /// Prometheus 2 semantics, to compare with a 2.x server (such as Debian's 2.42): range, lookback
  /// and subquery windows include their left edge, `[t - range, t]` (Prometheus 3 made them
  /// left-open); `rate()` caps extrapolation at the counter's zero point before applying the
  /// extrapolation threshold; label names must be legacy names; `atan2` keeps the metric name.
  public var prometheus2Semantics = false
  /// Prometheus's `promql-delayed-name-removal` feature (off by default there and here): operations
  /// that drop `__name__` only flag it, so `label_replace` and `by (__name__)` still see it, and the
  /// flagged names go when the query ends. The promqltest scripts of Prometheus 3 turn it on.
  public var delayedNameRemoval = false
  /// When set, evaluation stops once this instant passes, with Prometheus's timeout error
  /// (``EvaluationError/queryTimeout``), as a query's context deadline stops Prometheus's engine.
  public var deadline: ContinuousClock.Instant? = nil
  /// When set, a query that would hold more samples than this (one selection's samples, or a
  /// range query's result points) ends with ``EvaluationError/tooManySamples``, as
  /// Prometheus's `--query.max-samples` does.
  public var maxSamples: Int? = nil
  /// When set, each query started on this engine stops once it has run this long (or at
  /// ``deadline``, whichever comes first), as Prometheus's `--query.timeout` does per query.
  public var timeout: Duration? = nil

  /// 1 when windows are left-open (the first millisecond is excluded), 0 otherwise.
  var leftEdgeExclusion: Int64 { prometheus2Semantics ? 0 : 1 }

  /// Creates the value from its parts.
  public init(storage: any Storage) {
    self.storage = storage
  }

  /// Evaluates `expr` at `time` (Unix ms), like Prometheus's `/api/v1/query`.
  public func instantQuery(_ expr: Expr, at time: Int64) throws(EvaluationError) -> Value {
    let evaluation = Evaluation(engine: startingQuery(), queryStart: time, queryEnd: time, step: 0).planned(
      expr)
    let value = try evaluation.evaluate(expr, at: time)
    guard case .vector(let samples) = value else { return value }
    return .vector(try Evaluation.removingFlaggedNames(samples))
  }

  /// Evaluates `expr` at every `step` from `start` to `end` (Unix ms), like `/api/v1/query_range`:
  /// one series per label set, sorted by labels; a scalar result is one series without labels.
  public func rangeQuery(_ expr: Expr, start: Int64, end: Int64, step: Int64) throws(EvaluationError)
    -> [Series]
  {
    guard step > 0, end >= start else {
      throw EvaluationError("the step must be positive and end not before start")
    }
    let (span, overflow) = end.subtractingReportingOverflow(start)
    guard !overflow, span / step < 11_000 else {
      throw EvaluationError("exceeded maximum resolution of 11,000 points per timeseries")
    }
    var evaluation = Evaluation(engine: startingQuery(), queryStart: start, queryEnd: end, step: step)
      .planned(expr)
    evaluation.memo = LabelMemo()
    evaluation.patterns = PatternCache()
    // One fingerprint lookup per sample and step: the series' position in parallel arrays.
    var index = LabelsIndex()
    var timestamps: [[Int64]] = []
    var values: [[Double]] = []
    func append(_ key: Labels, _ time: Int64, _ value: Double) {
      let (i, inserted) = index.insert(key)
      if inserted {
        timestamps.append([])
        values.append([])
      }
      timestamps[i].append(time)
      values[i].append(value)
    }
    var time = start
    var points = 0
    while time <= end {
      switch try evaluation.evaluate(expr, at: time) {
      case .scalar(let value):
        append(.empty, time, value)
        points &+= 1
      case .vector(let flagged):
        for sample in try Evaluation.removingFlaggedNames(flagged) {
          append(sample.labels, time, sample.value)
        }
        points &+= flagged.count
      default:
        throw EvaluationError("range queries need an instant vector or scalar expression")
      }
      try evaluation.checkSamples(points)
      let (next, overflow) = time.addingReportingOverflow(step)
      if overflow { break }
      time = next
    }
    return index.keys.indices.map {
      Series(labels: index.keys[$0], timestamps: timestamps[$0], values: values[$0])
    }
    .sorted { Labels.precedes($0.labels, $1.labels) }
  }

  /// Parses and evaluates `query` at `time` (Unix ms).
  public func instantQuery(_ query: String, at time: Int64, options: ParserOptions = ParserOptions())
    throws -> Value
  {
    try instantQuery(Parser.parse(query, options: options), at: time)
  }
}

extension Labels {
  /// The labels Prometheus drops together when an operation changes a metric's meaning:
  /// `__name__` and the `__type__`/`__unit__` metadata labels.
  static let metadataNames: Set<String> = [LabelMatcher.metricNameLabel, "__type__", "__unit__"]

  /// These labels without `__name__` (and the `__type__`/`__unit__` metadata labels).
  var droppingMetricName: Labels {
    // All three names start with "__"; checking the first bytes avoids hashing every name.
    func isMetadata(_ label: Label) -> Bool {
      var bytes = label.name.utf8.makeIterator()
      return bytes.next() == UInt8(ascii: "_") && bytes.next() == UInt8(ascii: "_")
        && Labels.metadataNames.contains(label.name)
    }
    guard pairs.contains(where: isMetadata) else { return self }
    return Labels(sortedUnique: pairs.filter { !isMetadata($0) })
  }
}
