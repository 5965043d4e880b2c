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
