import Foundation

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
  /// The query's selections, one per selector node of its plan (``planned(_:)``); without a
  /// plan every read goes to the storage.
  var selections: Selections
  /// For range queries: label sets derived once per series, not once per series and step.
  var memo: LabelMemo? = nil
  /// For range queries: `label_replace` patterns compiled once.
  var patterns: PatternCache? = nil

  init(engine: Engine, queryStart: Int64, queryEnd: Int64, step: Int64) {
    self.engine = engine
    self.queryStart = queryStart
    self.queryEnd = queryEnd
    self.step = step
    selections = Selections(storage: engine.storage, plan: QueryPlan())
  }

  /// This evaluation with the plan of `expr`: its selections fetched once per selector node.
  func planned(_ expr: Expr) -> Evaluation {
    var evaluation = self
    evaluation.selections = Selections(storage: engine.storage, plan: QueryPlan(expr, for: self))
    return evaluation
  }

  /// `transform`, memoized over the query when it is a range query.
  func transformer(_ transform: LabelTransform) -> LabelTransformer {
    LabelTransformer(transform, memo: memo)
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
    return latestSamples(selector, at: try selectorTime(at: selector.at, offset: selector.offset, time: time))
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
