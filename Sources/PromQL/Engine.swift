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
    let evaluation = Evaluation(engine: startingQuery(), queryStart: time, queryEnd: time, step: 0)
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
    evaluation.cache = SelectionCache(storage: storage, span: span)
    evaluation.memo = LabelMemo()
    evaluation.windows = WindowMemo()
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

/// One query's evaluation: the engine plus the query's time range (for `@ start()`, `step()`).
struct Evaluation {
  /// The most steps one subquery may evaluate.
  static let maxSubquerySteps = 1_000_000.0

  let engine: Engine
  let queryStart: Int64
  let queryEnd: Int64
  let step: Int64
  /// Evaluation recurses once per level of the tree; stop before the thread's stack runs out.
  let stackGuard = StackGuard(fraction: 0.75)
  /// For range queries: selections reused across steps.
  var cache: SelectionCache? = nil
  /// For range queries: label sets derived once per series, not once per series and step.
  var memo: LabelMemo? = nil
  /// For range queries: folds of growing range windows, carried from step to step.
  var windows: WindowMemo? = nil
  /// For range queries: `label_replace` patterns compiled once.
  var patterns: PatternCache? = nil

  /// `transform`, memoized over the query when it is a range query.
  func transformer(_ transform: LabelTransform) -> LabelTransformer {
    LabelTransformer(transform, memo: memo)
  }

  func select(_ matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    if let cache { return cache.select(matchers: matchers, start: start, end: end) }
    return engine.storage.select(matchers: matchers, start: start, end: end)
  }

  func evaluate(_ expr: Expr, at time: Int64) throws(EvaluationError) -> Value {
    guard stackGuard.hasRoom else {
      throw EvaluationError("query is nested too deeply to evaluate on this thread's stack")
    }
    try checkDeadline()
    switch expr {
    case .number(let literal): return .scalar(literal.value)
    case .string(let literal): return .string(literal.value)
    case .paren(let paren): return try evaluate(paren.expr, at: time)
    case .vectorSelector(let selector): return .vector(try instantVector(selector, at: time))
    case .matrixSelector(let matrix): return .matrix(try rangeVector(matrix, at: time))
    case .subquery(let subquery): return .matrix(try subqueryMatrix(subquery, at: time))
    case .unary(let unary):
      let operand = try evaluate(unary.expr, at: time)
      guard unary.op == .minus else { return operand }
      switch operand {
      case .scalar(let value): return .scalar(-value)
      case .vector(let samples):
        return try unique(
          .vector(
            samples.map {
              droppingName($0.labels, value: -$0.value, timestamp: $0.timestamp)
            }))
      default: return operand
      }
    case .binary(let binary): return try unique(evaluateBinary(binary, at: time))
    case .aggregate(let aggregate): return .vector(try evaluateAggregate(aggregate, at: time))
    case .call(let call): return try unique(evaluateCall(call, at: time))
    }
  }

  /// Prometheus rejects a result vector in which two samples have the same labels (which dropping
  /// the metric name can cause).
  func unique(_ value: Value) throws(EvaluationError) -> Value {
    guard case .vector(let samples) = value, samples.count > 1 else { return value }
    var seen = LabelsIndex(capacity: samples.count)
    for sample in samples where !seen.insert(sample.labels).inserted {
      throw EvaluationError("vector cannot contain metrics with the same labelset")
    }
    return value
  }

  func vector(_ expr: Expr, at time: Int64) throws(EvaluationError) -> [VectorSample] {
    switch try evaluate(expr, at: time) {
    case .vector(let samples): return samples
    case .scalar(let value): return [VectorSample(labels: .empty, value: value, timestamp: time)]
    default: throw EvaluationError("expected an instant vector")
    }
  }

  func scalar(_ expr: Expr, at time: Int64) throws(EvaluationError) -> Double {
    guard case .scalar(let value) = try evaluate(expr, at: time) else {
      throw EvaluationError("expected a scalar")
    }
    return value
  }

  // MARK: - Times and durations

  /// The time a selector reads at: its `@` time (or the evaluation time) minus its offset.
  func selectorTime(at: AtModifier?, offset: DurationValue?, time: Int64) throws(EvaluationError) -> Int64 {
    var base = time
    switch at {
    case .timestamp(let milliseconds): base = milliseconds
    case .start: base = queryStart
    case .end: base = queryEnd
    case nil: break
    }
    guard let offset else { return base }
    return base &- (try milliseconds(offset))
  }

  func milliseconds(_ duration: DurationValue) throws(EvaluationError) -> Int64 {
    switch duration {
    case .fixed(let nanoseconds): return nanoseconds / 1_000_000
    case .expression(let expr):
      let seconds = try durationSeconds(expr)
      let milliseconds = (seconds * 1000).rounded(.towardZero)
      guard milliseconds.isFinite, milliseconds.magnitude < 0x1p62 else {
        throw EvaluationError("duration expression \(expr) is out of range")
      }
      return Int64(milliseconds)
    }
  }

  func durationSeconds(_ expr: DurationExpr) throws(EvaluationError) -> Double {
    switch expr {
    case .number(let literal): return literal.value
    case .paren(let inner, _): return try durationSeconds(inner)
    case .negate(let inner, _): return -(try durationSeconds(inner))
    case .step: return Double(step) / 1000
    case .range: return (Double(queryEnd) - Double(queryStart)) / 1000
    case .minOf(let a, let b, _): return Evaluation.goMin(try durationSeconds(a), try durationSeconds(b))
    case .maxOf(let a, let b, _): return Evaluation.goMax(try durationSeconds(a), try durationSeconds(b))
    case .binary(let op, let lhs, let rhs):
      let a = try durationSeconds(lhs)
      let b = try durationSeconds(rhs)
      switch op {
      case .add: return a + b
      case .sub: return a - b
      case .mul: return a * b
      case .div: return a / b
      case .mod: return fmod(a, b)
      case .pow: return pow(a, b)
      }
    }
  }

  /// Go's `math.Min`: NaN wins, and -0 is smaller than +0.
  static func goMin(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    if a == 0, b == 0 { return a.sign == .minus ? a : b }
    return a < b ? a : b
  }

  /// Go's `math.Max`: NaN wins, and +0 is larger than -0.
  static func goMax(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    if a == 0, b == 0 { return a.sign == .plus ? a : b }
    return a > b ? a : b
  }

  // MARK: - Selectors

  func requireClassicSelector(_ selector: VectorSelector) throws(EvaluationError) {
    if selector.anchored || selector.smoothed {
      throw EvaluationError("anchored and smoothed selectors are not supported by this evaluator")
    }
  }

  func instantVector(_ selector: VectorSelector, at time: Int64) throws(EvaluationError) -> [VectorSample] {
    if selector.smoothed { return try smoothedInstantVector(selector, at: time) }
    try requireClassicSelector(selector)
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    let start = end &- engine.lookbackDelta &+ engine.leftEdgeExclusion
    var samples: [VectorSample] = []
    if let cache {
      // Only the newest sample in the window matters: find it instead of slicing the window.
      for series in cache.covering(matchers: selector.matchers, start: start, end: end) {
        let upper = InMemoryStorage.firstIndex(in: series.timestamps) { $0 > end }
        guard upper > 0, series.timestamps[upper - 1] >= start else { continue }
        let value = series.values[upper - 1]
        guard !StaleMarker.isStale(value) else { continue }
        samples.append(
          VectorSample(labels: series.labels, value: value, timestamp: series.timestamps[upper - 1]))
      }
      return samples
    }
    for series in select(selector.matchers, start: start, end: end) {
      guard let value = series.values.last, let timestamp = series.timestamps.last,
        !StaleMarker.isStale(value)
      else { continue }
      samples.append(VectorSample(labels: series.labels, value: value, timestamp: timestamp))
    }
    return samples
  }

  func rangeVector(_ matrix: MatrixSelector, at time: Int64) throws(EvaluationError) -> [Series] {
    try rangeWindows(matrix, at: time).map {
      Series(labels: $0.labels, timestamps: Array($0.timestamps), values: Array($0.values))
    }
  }

  /// Evaluates the inner expression at every multiple of the step inside `(end - range, end]`
  /// (`[end - range, end]` with ``Engine/prometheus2Semantics``).
  func subqueryMatrix(_ subquery: SubqueryExpr, at time: Int64) throws(EvaluationError) -> [Series] {
    let end = try selectorTime(at: subquery.at, offset: subquery.offset, time: time)
    let range = try milliseconds(subquery.range)
    var interval = engine.defaultSubqueryStep
    if let step = subquery.step { interval = try milliseconds(step) }
    guard interval > 0 else { throw EvaluationError("subquery step must be positive") }
    let start = end &- range
    // Each step evaluates the whole inner expression; refuse absurd resolutions up front.
    guard (Double(end) - Double(start)) / Double(interval) <= Evaluation.maxSubquerySteps else {
      throw EvaluationError("subquery would take more than \(Int(Evaluation.maxSubquerySteps)) steps")
    }
    // The first multiple of the step inside the window (floor division, also for negative times).
    var current = start / interval * interval
    if current > start { current &-= interval }
    if current < start &+ engine.leftEdgeExclusion { current &+= interval }
    var points: [Labels: (timestamps: [Int64], values: [Double])] = [:]
    while current <= end {
      for sample in try Evaluation.removingFlaggedNames(try vector(subquery.expr, at: current)) {
        points[sample.labels, default: ([], [])].timestamps.append(current)
        points[sample.labels, default: ([], [])].values.append(sample.value)
      }
      let (next, overflow) = current.addingReportingOverflow(interval)
      if overflow { break }
      current = next
    }
    return points.map { Series(labels: $0.key, timestamps: $0.value.timestamps, values: $0.value.values) }
      .sorted { Labels.precedes($0.labels, $1.labels) }
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
