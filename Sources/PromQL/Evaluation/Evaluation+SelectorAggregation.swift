/// `sum by (job) (x)`, the shape of most dashboard queries, without the general path's per-step
/// work: over a range query the selector node's planned selection keeps its order, so each
/// series' group is found once per query and every step just folds the newest samples into their
/// groups.
extension Evaluation {
  /// The aggregation, or nil when it is not a folding aggregation (`sum`, `count`, `group`, `min`,
  /// `max`) of a plain selector evaluated over a range query.
  func selectorAggregate(_ aggregate: AggregateExpr, at time: Int64) throws(EvaluationError)
    -> [VectorSample]?
  {
    let op = aggregate.op
    guard let memo, aggregate.param == nil,
      op == .sum || op == .count || op == .group || op == .min || op == .max,
      let selector = aggregate.expr.plainSelector, !selector.smoothed, !selector.anchored
    else { return nil }
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    let start = lookbackStart(end)
    guard let slot = selections.slot(of: selector, covering: start, end) else { return nil }
    let transform: LabelTransform =
      aggregate.without
      ? .removing(aggregate.grouping + [LabelMatcher.metricNameLabel]) : .keeping(aggregate.grouping)
    let grouping = selections.grouping(slot, by: transform, memo: memo)

    // Out of the object while in use: no exclusivity check per access, no copy on write; the
    // scratch arrays are reused from step to step instead of allocated.
    var cursors: [Int] = []
    var scratch = SelectorGrouping.FoldScratch()
    swap(&cursors, &grouping.cursors)
    swap(&scratch, &grouping.scratch)
    defer {
      scratch.clear()
      swap(&cursors, &grouping.cursors)
      swap(&scratch, &grouping.scratch)
    }
    let groups = grouping.groups
    let times = grouping.samples.times
    let values = grouping.samples.values
    let bounds = grouping.samples.bounds
    for position in groups.indices {
      let first = bounds[position]
      let upper = Evaluation.upperBound(times, first..<bounds[position + 1], end, from: cursors[position])
      cursors[position] = upper
      guard let newest = Evaluation.newestSample(times, values, lower: first, upper: upper, notBefore: start)
      else { continue }
      let value = values[newest]
      let group = groups[position]
      if !scratch.seen[group] {
        scratch.seen[group] = true
        // Groups in order of first appearance at this step, as the general path orders them.
        scratch.order.append(group)
        if op == .min || op == .max { scratch.totals[group] = .nan }
      }
      Evaluation.fold(op, value, into: &scratch.totals[group], &scratch.compensations[group])
    }
    var result: [VectorSample] = []
    result.reserveCapacity(scratch.order.count)
    for group in scratch.order {
      // Only sums carry a compensation; adding a zero elsewhere would turn -0 into +0.
      let total = scratch.totals[group]
      let value = op == .sum ? total + scratch.compensations[group] : total
      result.append(VectorSample(labels: grouping.keys[group], value: value, timestamp: time))
    }
    return result
  }

  /// The first index in `range` whose time is after `end`, searched from `guess` forward when
  /// the guess is not too far already (a range query's steps ascend), else by binary search.
  static func upperBound(_ times: [Int64], _ range: Range<Int>, _ end: Int64, from guess: Int) -> Int {
    if range.contains(guess) || guess == range.upperBound,
      guess == range.lowerBound || times[guess - 1] <= end
    {
      var index = guess
      // A few samples per step at most; far jumps (a sparse query step) go to the binary search.
      for _ in 0..<4 {
        if index == range.upperBound || times[index] > end { return index }
        index += 1
      }
    }
    return InMemoryStorage.firstIndex(in: times, within: range) { $0 > end }
  }
}
