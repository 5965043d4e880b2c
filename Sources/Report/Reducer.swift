/// Grafana's field calculations for stat, gauge, bar gauge and table cells.
public enum Reducer: String, Hashable, Sendable {
  case lastNotNull, last, firstNotNull, first, mean, max, min, sum, count, range, delta, diff
  case median

  /// `values` reduced (NaN skipped except by `last`/`first`); nil when nothing is left.
  public func reduce(_ values: [Double]) -> Double? {
    let finite = values.filter { !$0.isNaN }
    switch self {
    case .last: return values.last
    case .first: return values.first
    case .lastNotNull: return finite.last
    case .firstNotNull: return finite.first
    case .count: return Double(finite.count)
    default: break
    }
    guard let first = finite.first, let last = finite.last else { return nil }
    switch self {
    case .mean: return finite.reduce(0, +) / Double(finite.count)
    case .sum: return finite.reduce(0, +)
    case .max: return finite.max()
    case .min: return finite.min()
    case .range: return (finite.max() ?? 0) - (finite.min() ?? 0)
    case .diff: return last - first
    case .median:
      let sorted = finite.sorted()
      return sorted[sorted.count / 2]
    case .delta:
      // Counter-style: increases summed, a drop counts as a reset.
      var total = 0.0
      for (a, b) in zip(finite, finite.dropFirst()) { total += b >= a ? b - a : b }
      return total
    default: return nil
    }
  }

  /// The name Grafana shows.
  public var title: String {
    switch self {
    case .lastNotNull: "Last *"
    case .last: "Last"
    case .firstNotNull: "First *"
    case .first: "First"
    case .mean: "Mean"
    case .max: "Max"
    case .min: "Min"
    case .sum: "Total"
    case .count: "Count"
    case .range: "Range"
    case .delta: "Delta"
    case .diff: "Difference"
    case .median: "Median"
    }
  }
}
