/// Remembers the results of ``LabelTransform``s over one range query. Returning the same `Labels`
/// value for every step also lets later lookups compare label arrays by identity.
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
  /// Label sets one table remembers at most: a query that makes new label sets at every step
  /// (`count_values` of a rate) gains nothing from a memo that would only grow.
  static let tableCapacity = 100_000
  /// Groupings kept at most; each keeps its selection alive, and a query needs a few.
  static let maxGroupings = 64

  /// Groupings computed so far; the series arrays are kept, so their buffers identify them.
  private var groupings: [(series: [Series], table: Int, grouping: SelectorGrouping)] = []
  /// Flat copies of selections, one per selection however many groupings read it; kept and
  /// identified the same way.
  private var flats: [(series: [Series], samples: FlatSelection)] = []

  /// Identifies the table of `transform`; look it up once per node and step, not per sample.
  func table(for transform: LabelTransform) -> Int {
    if let index = transforms.firstIndex(of: transform) { return index }
    transforms.append(transform)
    inputs.append(LabelsIndex())
    results.append([])
    return inputs.count - 1
  }

  /// The transformed labels, computed by `compute` the first time `labels` are seen.
  func labels(_ table: Int, _ labels: Labels, compute: (Labels) -> Labels) -> Labels {
    if inputs[table].count >= LabelMemo.tableCapacity {
      guard let position = inputs[table].position(of: labels) else { return compute(labels) }
      return results[table][position]
    }
    let (position, inserted) = inputs[table].insert(labels)
    if !inserted { return results[table][position] }
    let result = compute(labels)
    results[table].append(result)
    return result
  }

  /// The groups of `series` (a selection the query's cache holds) under `transform`.
  func grouping(of series: [Series], by transform: LabelTransform) -> SelectorGrouping {
    let table = table(for: transform)
    for known in groupings where known.table == table && known.series.sharesBuffer(with: series) {
      return known.grouping
    }
    var index = LabelsIndex()
    var groups: [Int] = []
    groups.reserveCapacity(series.count)
    for entry in series {
      groups.append(index.insert(labels(table, entry.labels) { $0.applying(transform) }).position)
    }
    let grouping = SelectorGrouping(groups: groups, keys: index.keys, samples: flat(series))
    if groupings.count >= LabelMemo.maxGroupings { groupings.removeFirst() }
    groupings.append((series, table, grouping))
    return grouping
  }

  /// The samples of `series` end to end, made once per selection.
  private func flat(_ series: [Series]) -> FlatSelection {
    if let known = flats.first(where: { $0.series.sharesBuffer(with: series) }) { return known.samples }
    let samples = FlatSelection(series)
    if flats.count >= LabelMemo.maxGroupings { flats.removeFirst() }
    flats.append((series, samples))
    return samples
  }
}
