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
  private var tableIndex: [LabelTransform: Int] = [.droppingMetricName: 0]
  private var tables: [[Labels: Labels]] = [[:]]

  /// The table of ``LabelTransform/droppingMetricName``, the most common transform.
  static let droppingMetricNameTable = 0

  /// Identifies the table of `transform`; look it up once per node and step, not per sample.
  func table(for transform: LabelTransform) -> Int {
    if let index = tableIndex[transform] { return index }
    tableIndex[transform] = tables.count
    tables.append([:])
    return tables.count - 1
  }

  /// The transformed labels, computed by `compute` the first time `labels` are seen.
  func labels(_ table: Int, _ labels: Labels, compute: (Labels) -> Labels) -> Labels {
    if let known = tables[table][labels] { return known }
    let result = compute(labels)
    tables[table][labels] = result
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
