/// The planner's walk: each node is evaluated at the times of a closed interval (the query's
/// steps at the top; a subquery's inner steps below it), and each selector turns the interval
/// into the sample times it reads.
extension QueryPlan {
  /// The plan of `expr` evaluated at every step of `evaluation`'s query (its start, end and step
  /// give `@ start()`, `@ end()` and duration expressions their values).
  init(_ expr: Expr, for evaluation: Evaluation) {
    self.init()
    add(expr, from: evaluation.queryStart, through: evaluation.queryEnd, evaluation)
  }

  /// `a - b`, or the extreme time when that overflows (`x @ <far future>` minus a range).
  static func saturatingSubtract(_ a: Int64, _ b: Int64) -> Int64 {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? (b > 0 ? .min : .max) : difference
  }

  /// `a + b`, saturating likewise.
  static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
  }

  /// The read times of a node with `at` and `offset` evaluated at `first...last`: `@` pins both
  /// ends, an offset shifts them. Nil when a duration cannot be evaluated (evaluation will say why).
  static func readTimes(
    at: AtModifier?, offset: DurationValue?, from first: Int64, through last: Int64, _ evaluation: Evaluation
  ) -> (first: Int64, last: Int64)? {
    guard let low = try? evaluation.selectorTime(at: at, offset: offset, time: first),
      let high = try? evaluation.selectorTime(at: at, offset: offset, time: last)
    else { return nil }
    return (min(low, high), max(low, high))
  }

  private mutating func add(_ expr: Expr, from first: Int64, through last: Int64, _ evaluation: Evaluation) {
    let lookback = evaluation.engine.lookbackDelta
    switch expr {
    case .vectorSelector(let selector):
      guard
        let (low, high) = QueryPlan.readTimes(
          at: selector.at, offset: selector.offset, from: first, through: last, evaluation)
      else { return }
      // `smoothed` also reads the first sample after the evaluation time, up to a lookback later.
      let end = selector.smoothed ? QueryPlan.saturatingAdd(high, lookback) : high
      add(selector, start: QueryPlan.saturatingSubtract(low, lookback), end: end)
    case .matrixSelector(let matrix):
      let selector = matrix.selector
      guard
        let (low, high) = QueryPlan.readTimes(
          at: selector.at, offset: selector.offset, from: first, through: last, evaluation),
        let range = try? evaluation.milliseconds(matrix.range)
      else { return }
      var start = QueryPlan.saturatingSubtract(low, range)
      var end = high
      if selector.anchored || selector.smoothed {
        // The samples just outside the window anchor or interpolate its edges.
        start = QueryPlan.saturatingSubtract(start, lookback)
        end = QueryPlan.saturatingAdd(end, lookback)
      }
      add(selector, start: start, end: end)
    case .subquery(let subquery):
      guard
        let (low, high) = QueryPlan.readTimes(
          at: subquery.at, offset: subquery.offset, from: first, through: last, evaluation),
        let range = try? evaluation.milliseconds(subquery.range)
      else { return }
      // The inner steps fall inside the outer windows, whatever their alignment.
      add(subquery.expr, from: QueryPlan.saturatingSubtract(low, range), through: high, evaluation)
    case .call(let call) where call.function.name == "info":
      // The second argument is not read as written: its matchers pick the info series, which are
      // looked up where the first argument reads (``Evaluation/infoSeries(_:at:)`` asks the storage).
      if let base = call.args.first { add(base, from: first, through: last, evaluation) }
    default:
      for child in expr.children { add(child, from: first, through: last, evaluation) }
    }
  }
}
