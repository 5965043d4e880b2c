/// Remembers the results of ``LabelTransform``s over one range query. Returning the same `Labels`
/// value for every step also lets later lookups compare label arrays by identity. Groupings of a
/// selection under a transform live with the selection (``Selections``), keyed by node.
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
}
