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

  /// Running totals of one step's groups; cleared after the step, kept for the next.
  struct FoldScratch {
    /// Per group: the running sum, count or extreme.
    var totals: [Double] = []
    /// Per group: the Kahan compensation of a sum.
    var compensations: [Double] = []
    /// Per group: whether the step has touched it.
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
}
