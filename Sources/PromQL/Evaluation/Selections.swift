/// The series one query reads, fetched once per planned selector node (``QueryPlan``) and kept,
/// with what the evaluator derives from them per node: the selection without staleness markers
/// (range windows read those), its samples end to end, its groupings under label transforms
/// (with their step cursors) and the running folds of its growing windows. Every step slices its
/// window out of the node's selection; a read the plan does not cover (an `info` lookup, a test's
/// evaluation without a plan) goes to the storage as asked.
///
/// One query evaluates on one thread, so this needs no lock.
final class Selections {
  /// What the evaluator keeps for one node.
  struct Node {
    /// Every series with samples in the node's extent, staleness markers included.
    var series: [Series]
    /// The same without staleness markers (series left empty dropped), made on first use.
    var fresh: [Series]? = nil
    /// The samples of `series` end to end, made on first use.
    var flat: FlatSelection? = nil
    /// Groupings of `series` by label-memo table.
    var groupings: [Int: SelectorGrouping] = [:]
    /// Running folds of the node's windows.
    var folds = WindowMemo()
  }

  let storage: any Storage
  let plan: QueryPlan
  /// Per slot of the plan: nil until the node is first read.
  private var nodes: [Node?]

  init(storage: any Storage, plan: QueryPlan) {
    self.storage = storage
    self.plan = plan
    nodes = Array(repeating: nil, count: plan.reads.count)
  }

  /// The slot whose planned extent covers `[start, end]` for `selector`, its series fetched.
  func slot(of selector: VectorSelector, covering start: Int64, _ end: Int64) -> Int? {
    guard let slot = plan.slot(of: selector) else { return nil }
    let read = plan.reads[slot]
    guard read.start <= start, end <= read.end else { return nil }
    if nodes[slot] == nil {
      nodes[slot] = Node(
        series: storage.select(matchers: read.selector.matchers, start: read.start, end: read.end))
    }
    return slot
  }

  /// The node's series, with samples beyond any one step's window: callers find theirs by binary
  /// search instead of copying a slice.
  func series(_ slot: Int) -> [Series] { nodes[slot]!.series }

  /// The node's series without staleness markers.
  func freshSeries(_ slot: Int) -> [Series] {
    if let fresh = nodes[slot]!.fresh { return fresh }
    let fresh = nodes[slot]!.series.compactMap(Selections.withoutStaleMarkers)
    nodes[slot]!.fresh = fresh
    return fresh
  }

  /// The groups of the node's series under `transform`, found once per query.
  func grouping(_ slot: Int, by transform: LabelTransform, memo: LabelMemo) -> SelectorGrouping {
    let table = memo.table(for: transform)
    if let known = nodes[slot]!.groupings[table] { return known }
    let series = nodes[slot]!.series
    var index = LabelsIndex()
    var groups: [Int] = []
    groups.reserveCapacity(series.count)
    for entry in series {
      groups.append(index.insert(memo.labels(table, entry.labels) { $0.applying(transform) }).position)
    }
    let flat = nodes[slot]!.flat ?? FlatSelection(series)
    nodes[slot]!.flat = flat
    let grouping = SelectorGrouping(groups: groups, keys: index.keys, samples: flat)
    nodes[slot]!.groupings[table] = grouping
    return grouping
  }

  /// `operation` over a window of the node's fresh series number `series` whose range is `range`
  /// (ms), folded on from where the previous step left it.
  func fold(
    _ operation: AggregationOp, _ window: ArraySlice<Double>, slot: Int, series: Int, range: Int64
  ) -> Double {
    nodes[slot]!.folds.fold(operation, window, series: series, range: range)
  }

  /// `series` without its staleness markers; nil when nothing else is left.
  static func withoutStaleMarkers(_ series: Series) -> Series? {
    guard series.values.contains(where: StaleMarker.isStale) else { return series }
    var timestamps: [Int64] = []
    var values: [Double] = []
    for (timestamp, value) in zip(series.timestamps, series.values) where !StaleMarker.isStale(value) {
      timestamps.append(timestamp)
      values.append(value)
    }
    if timestamps.isEmpty { return nil }
    return Series(labels: series.labels, timestamps: timestamps, values: values)
  }

  /// The samples of `series` in `[start, end]`; series left without samples are dropped.
  static func slice(_ series: [Series], start: Int64, end: Int64) -> [Series] {
    var result: [Series] = []
    result.reserveCapacity(series.count)
    for entry in series {
      let lower = InMemoryStorage.firstIndex(in: entry.timestamps) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: entry.timestamps) { $0 > end }
      guard lower < upper else { continue }
      if lower == 0 && upper == entry.timestamps.count {
        result.append(entry)
      } else {
        result.append(
          Series(
            labels: entry.labels, timestamps: Array(entry.timestamps[lower..<upper]),
            values: Array(entry.values[lower..<upper])))
      }
    }
    return result
  }
}
