public import Archive
public import Exposition

/// The labels Prometheus attaches to what it scrapes from a target: `job`, `instance` and the
/// target's extra labels. A scraped label that collides with one of them is kept as
/// `exported_<name>`, as Prometheus does with `honor_labels: false` (the default).
public struct TargetLabels: Sendable, Hashable {
  /// Sorted by name.
  public let labels: [Label]

  public init(_ target: ArchiveTarget, extra: [Label] = []) {
    var byName: [String: String] = ["job": target.job, "instance": target.instance]
    for label in target.labels { byName[label.name] = label.value }
    for label in extra { byName[label.name] = label.value }
    labels = byName.map { Label($0.key, $0.value) }.sorted()
  }

  /// A sample's full label set (metric name as `__name__` excluded), sorted by name.
  public func apply(to sample: [Label]) -> [Label] {
    var out = labels
    for label in sample {
      var name = label.name
      // Empty values mean "no label" in Prometheus.
      if label.value.isEmpty { continue }
      while out.contains(where: { $0.name == name }) && labels.contains(where: { $0.name == name }) {
        name = "exported_" + name
      }
      if let i = out.firstIndex(where: { $0.name == name }) {
        out[i] = Label(name, label.value)
      } else {
        out.append(Label(name, label.value))
      }
    }
    return out.sorted()
  }
}
