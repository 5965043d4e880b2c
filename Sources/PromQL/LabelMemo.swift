import Foundation

/// A change of a label set that depends on nothing but the labels, so a range query can compute it
/// once per input series instead of once per series and step.
enum LabelTransform: Hashable {
  /// Only the named labels (`by`, `on`).
  case keeping([String])
  /// Without the named labels (`without`, `ignoring`).
  case removing([String])
  /// Without `__name__` and the metadata labels.
  case droppingMetricName
  /// A vector/vector result's labels from the "many" side, before `group_left` labels are added:
  /// without `__name__` when `dropName`, restricted to the matching when `oneToOne`.
  case binaryResult(dropName: Bool, oneToOne: Bool, on: Bool, names: [String])
}

/// Remembers the results of ``LabelTransform``s over one range query. Returning the same `Labels`
/// value for every step also lets later dictionary lookups compare arrays by identity.
///
/// One query evaluates on one thread, so the memo needs no lock.
final class LabelMemo {
  /// The transforms with a table, by table: a query has a few, and comparing them beats hashing
  /// their label names at every step.
  private var transforms: [LabelTransform] = [.droppingMetricName]
  /// Per table: the inputs seen and, at the same positions, their results.
  private var inputs: [LabelsIndex] = [LabelsIndex()]
  private var results: [[Labels]] = [[]]

  /// The table of ``LabelTransform/droppingMetricName``, the most common transform.
  static let droppingMetricNameTable = 0

  /// Identifies the table of `transform`; look it up once per node and step, not per sample.
  func table(for transform: LabelTransform) -> Int {
    if let index = transforms.firstIndex(of: transform) { return index }
    transforms.append(transform)
    inputs.append(LabelsIndex())
    results.append([])
    return inputs.count - 1
  }

  /// Each series' group under a label transform, with room for folding one step.
  final class Grouping {
    /// Per series: its group, a position into `keys`.
    let groups: [Int]
    /// The groups' labels, in order of first appearance.
    let keys: [Labels]
    /// The samples of all series end to end, series `i` at `bounds[i]..<bounds[i + 1]`: plain
    /// numbers to scan at every step, without retaining each series' arrays.
    let times: [Int64]
    let values: [Double]
    let bounds: [Int]
    /// Per series: where the previous step's search ended (an index into `times`); steps ascend,
    /// so the next search usually ends there or one sample later.
    var cursors: [Int]
    /// Per group, for folding one step.
    var scratch: FoldScratch

    init(groups: [Int], keys: [Labels], series: [Series]) {
      self.groups = groups
      self.keys = keys
      var bounds = [0]
      bounds.reserveCapacity(series.count + 1)
      for entry in series { bounds.append(bounds[bounds.count - 1] + entry.timestamps.count) }
      times = series.flatMap(\.timestamps)
      values = series.flatMap(\.values)
      self.bounds = bounds
      cursors = Array(bounds.dropLast())
      scratch = FoldScratch(groups: keys.count)
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

  static let maxGroupings = 64

  /// Groupings computed so far; the series arrays are kept, so their buffers identify them.
  private var groupings: [(series: [Series], table: Int, grouping: Grouping)] = []

  /// The groups of `series` (a selection the query's cache holds) under `transform`.
  func grouping(of series: [Series], by transform: LabelTransform) -> Grouping {
    let table = table(for: transform)
    let address = series.withUnsafeBufferPointer { $0.baseAddress }
    for known in groupings where known.table == table {
      if known.series.withUnsafeBufferPointer({ $0.baseAddress }) == address { return known.grouping }
    }
    var index = LabelsIndex()
    var groups: [Int] = []
    groups.reserveCapacity(series.count)
    for entry in series {
      groups.append(index.insert(labels(table, entry.labels) { $0.applying(transform) }).position)
    }
    let grouping = Grouping(groups: groups, keys: index.keys, series: series)
    // Each grouping keeps its selection alive; a query needs a few, so the oldest can go.
    if groupings.count >= LabelMemo.maxGroupings { groupings.removeFirst() }
    groupings.append((series, table, grouping))
    return grouping
  }

  /// `label_replace` patterns compiled so far.
  private var regexes: [String: NSRegularExpression] = [:]

  /// The compiled `pattern`, compiled by `compile` the first time it is asked for.
  func regex(_ pattern: String, _ compile: () throws(EvaluationError) -> NSRegularExpression)
    throws(EvaluationError) -> NSRegularExpression
  {
    if let known = regexes[pattern] { return known }
    let regex = try compile()
    regexes[pattern] = regex
    return regex
  }

  /// The transformed labels, computed by `compute` the first time `labels` are seen.
  func labels(_ table: Int, _ labels: Labels, compute: (Labels) -> Labels) -> Labels {
    let (position, inserted) = inputs[table].insert(labels)
    if !inserted { return results[table][position] }
    let result = compute(labels)
    results[table].append(result)
    return result
  }
}

extension Labels {
  /// The labels after `transform` (computed directly, without a memo).
  func applying(_ transform: LabelTransform) -> Labels {
    switch transform {
    case .keeping(let names): return keeping(Set(names))
    case .removing(let names): return removing(Set(names))
    case .droppingMetricName: return droppingMetricName
    case .binaryResult(let dropName, let oneToOne, let on, let names):
      let labels = dropName ? droppingMetricName : self
      guard oneToOne else { return labels }
      return on ? labels.keeping(Set(names)) : labels.removing(Set(names))
    }
  }
}

/// A ``LabelTransform`` ready to apply to many label sets: through the query's memo when there is
/// one.
struct LabelTransformer {
  let transform: LabelTransform
  let memo: LabelMemo?
  let table: Int

  init(_ transform: LabelTransform, memo: LabelMemo?) {
    self.transform = transform
    self.memo = memo
    table = memo?.table(for: transform) ?? 0
  }

  func callAsFunction(_ labels: Labels) -> Labels {
    guard let memo else { return labels.applying(transform) }
    return memo.labels(table, labels) { $0.applying(transform) }
  }
}
