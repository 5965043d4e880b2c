import PromQL

/// A recording's series with extra target labels added at query time, so suites that give
/// different `labels:` share one loaded recording (loading is the expensive part).
///
/// Only valid when no series already has one of the labels: then adding them is exactly what
/// Prometheus's relabelling would have produced (a collision, where Prometheus renames the
/// scraped label to `exported_<name>`, is built at load time instead).
struct LabeledStorage: Storage {
  let base: any Storage
  /// Sorted by name.
  let extra: [Label]

  func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    var rest: [LabelMatcher] = []
    for matcher in matchers {
      if let label = extra.first(where: { $0.name == matcher.name }) {
        guard matcher.matches(label.value) else { return [] }
      } else {
        rest.append(matcher)
      }
    }
    return base.select(matchers: rest, start: start, end: end).map { series in
      var labels = series.labels
      for label in extra { labels = labels.setting(label.name, to: label.value) }
      return Series(labels: labels, timestamps: series.timestamps, values: series.values)
    }
  }

  /// Whether any series of `storage` has a label named like one of `names`.
  static func collides(_ storage: any Storage, names: [String]) -> Bool {
    names.contains { name in
      guard let matcher = try? LabelMatcher(.notEqual, name: name, value: "") else { return true }
      return !storage.select(matchers: [matcher], start: .min, end: .max).isEmpty
    }
  }
}
