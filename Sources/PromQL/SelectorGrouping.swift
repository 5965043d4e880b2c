/// The series of one selection, each with its group under one label transform, laid out for
/// folding a step: `sum by (job) (x)` over a range query reads these at every step.
final class SelectorGrouping {
  /// Per series: its group, a position into `keys`.
  let groups: [Int]
  /// The groups' labels, in order of first appearance.
  let keys: [Labels]
  /// The selection's samples, shared by every grouping of it.
  let samples: FlatSelection
  /// Per series: where the previous step's search ended (an index into `samples.times`); steps
  /// ascend, so the next search usually ends there or one sample later.
  var cursors: [Int]
  /// Per group, for folding one step.
  var scratch: FoldScratch

  init(groups: [Int], keys: [Labels], samples: FlatSelection) {
    self.groups = groups
    self.keys = keys
    self.samples = samples
    cursors = Array(samples.bounds.dropLast())
    scratch = FoldScratch(groups: keys.count)
  }
}

/// The samples of a selection end to end, series `i` at `bounds[i]..<bounds[i + 1]`: plain numbers
/// to scan at every step, without retaining and releasing each series' arrays.
final class FlatSelection {
  let times: [Int64]
  let values: [Double]
  let bounds: [Int]

  init(_ series: [Series]) {
    var bounds = [0]
    bounds.reserveCapacity(series.count + 1)
    for entry in series { bounds.append(bounds[bounds.count - 1] + entry.timestamps.count) }
    times = series.flatMap(\.timestamps)
    values = series.flatMap(\.values)
    self.bounds = bounds
  }
}

/// Running totals of one step's groups; cleared after the step, kept for the next.
struct FoldScratch {
  var totals: [Double] = []
  var compensations: [Double] = []
  var seen: [Bool] = []
  /// The groups touched in this step, in order of first appearance.
  var order: [Int] = []

  init() {}

  init(groups: Int) {
    totals = Array(repeating: 0, count: groups)
    compensations = Array(repeating: 0, count: groups)
    seen = Array(repeating: false, count: groups)
    order.reserveCapacity(groups)
  }

  /// Back to zero for the groups the step touched.
  mutating func clear() {
    for group in order {
      totals[group] = 0
      compensations[group] = 0
      seen[group] = false
    }
    order.removeAll(keepingCapacity: true)
  }
}
