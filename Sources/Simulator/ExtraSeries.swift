import Exposition

/// The `series` lines of a scenario served by one target: promtool notation, value `i` in force
/// during the `i`-th interval, no sample for `_` or past the last value.
struct ExtraSeries: Sendable {
  struct Family: Sendable {
    var head: FamilyHead
    var members: [(prefix: [UInt8], values: [Double?])]
  }

  let families: [Family]
  let intervalMs: Int64

  init(specs: [SeriesSpec], intervalMs: Int64) {
    self.intervalMs = intervalMs
    var families: [Family] = []
    for spec in specs {
      let prefix = SeriesPrefix.make(spec.name, spec.labels, sorted: false)
      if let i = families.firstIndex(where: { $0.head.name == spec.name }) {
        families[i].members.append((prefix, spec.values))
      } else {
        families.append(
          Family(
            head: FamilyHead(spec.name, spec.isCounter ? .counter : .gauge, "Series from the scenario file."),
            members: [(prefix, spec.values)]))
      }
    }
    self.families = families
  }

  func render(at t: Int64, into w: inout BodyWriter) {
    let i = Int(t / intervalMs)
    for family in families {
      w.head(family.head)
      for m in family.members where i < m.values.count {
        if let v = m.values[i] { w.sample(m.prefix, v) }
      }
    }
  }
}
