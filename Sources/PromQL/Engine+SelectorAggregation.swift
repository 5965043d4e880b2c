/// `sum by (job) (x)`, the shape of most dashboard queries, without the general path's per-step
/// work: over a range query the selector's cached series keep their order, so each series' group
/// is found once per query and every step just folds the newest samples into their groups.
extension Evaluation {
  /// The aggregation, or nil when it is not a folding aggregation (`sum`, `count`, `group`, `min`,
  /// `max`) of a plain selector evaluated over a range query.
  func selectorAggregate(_ aggregate: AggregateExpr, at time: Int64) throws(EvaluationError)
    -> [VectorSample]?
  {
    let op = aggregate.op
    guard let cache, let memo, aggregate.param == nil,
      op == .sum || op == .count || op == .group || op == .min || op == .max,
      let selector = Evaluation.plainSelector(aggregate.expr), !selector.smoothed, !selector.anchored
    else { return nil }
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    let start = end &- engine.lookbackDelta &+ engine.leftEdgeExclusion
    let series = cache.covering(matchers: selector.matchers, start: start, end: end)
    let transform: LabelTransform =
      aggregate.without
      ? .removing(aggregate.grouping + [LabelMatcher.metricNameLabel]) : .keeping(aggregate.grouping)
    let grouping = memo.grouping(of: series, by: transform)

    // Groups in order of first appearance at this step, as the general path orders them.
    var order: [Int] = []
    var totals = [Double](repeating: 0, count: grouping.keys.count)
    var compensations = [Double](repeating: 0, count: grouping.keys.count)
    var seen = [Bool](repeating: false, count: grouping.keys.count)
    let groups = grouping.groups
    // Out of the object while in use: no exclusivity check per access, no copy on write.
    var cursors = grouping.cursors
    grouping.cursors = []
    defer { grouping.cursors = cursors }
    for position in series.indices {
      let entry = series[position]
      let upper = Evaluation.upperBound(entry.timestamps, end, from: cursors[position])
      cursors[position] = upper
      guard upper > 0, entry.timestamps[upper - 1] >= start else { continue }
      let value = entry.values[upper - 1]
      guard !StaleMarker.isStale(value) else { continue }
      let group = groups[position]
      if !seen[group] {
        seen[group] = true
        order.append(group)
        if op == .min || op == .max { totals[group] = .nan }
      }
      Evaluation.fold(op, value, into: &totals[group], &compensations[group])
    }
    return order.map {
      // Only sums carry a compensation; adding a zero elsewhere would turn -0 into +0.
      VectorSample(
        labels: grouping.keys[$0], value: op == .sum ? totals[$0] + compensations[$0] : totals[$0],
        timestamp: time)
    }
  }

  /// The first index whose time is after `end`, searched from `guess` forward when the guess
  /// is not too far already (a range query's steps ascend), else by binary search.
  static func upperBound(_ times: [Int64], _ end: Int64, from guess: Int) -> Int {
    guard guess <= times.count, guess == 0 || times[guess - 1] <= end else {
      return InMemoryStorage.firstIndex(in: times) { $0 > end }
    }
    var index = guess
    // A few samples per step at most; far jumps (a sparse query step) go to the binary search.
    for _ in 0..<4 {
      if index == times.count || times[index] > end { return index }
      index += 1
    }
    return InMemoryStorage.firstIndex(in: times) { $0 > end }
  }

  /// The vector selector `expr` is, inside any parentheses.
  static func plainSelector(_ expr: Expr) -> VectorSelector? {
    switch expr {
    case .vectorSelector(let selector): return selector
    case .paren(let paren): return plainSelector(paren.expr)
    default: return nil
    }
  }
}
