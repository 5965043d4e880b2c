public import Dashboards

/// What changed from recording A to recording B: the answer to "we upgraded Ray; what breaks in
/// our dashboards?". Every list is sorted, so the text is stable enough for golden tests.
public struct RecordingDiff: Sendable, Equatable {
  /// A metric family whose metadata changed.
  public struct Change: Sendable, Equatable {
    public var name: String
    public var before: String
    public var after: String
  }

  /// A metric whose label names changed.
  public struct LabelChange: Sendable, Equatable {
    public var name: String
    public var added: [String]
    public var removed: [String]
  }

  /// A metric whose values moved by more than the factor.
  public struct RangeChange: Sendable, Equatable {
    public var name: String
    public var before: ClosedRange<Double>
    public var after: ClosedRange<Double>
  }

  /// A panel that has data over one recording and not over the other.
  public struct PanelChange: Sendable, Equatable {
    public var dashboard: String
    public var panel: String
    /// Its status over A and over B (`data`, `no data`, `error`, ...).
    public var before: String
    public var after: String
    /// Why it shows no data (or fails) where it does not show data.
    public var reasons: [String]
  }

  public var targetsAdded: [String] = []
  public var targetsRemoved: [String] = []
  public var familiesAdded: [String] = []
  public var familiesRemoved: [String] = []
  public var typeChanges: [Change] = []
  public var helpChanges: [Change] = []
  public var metricsAdded: [String] = []
  public var metricsRemoved: [String] = []
  public var labelChanges: [LabelChange] = []
  /// Metrics in both whose series count changed: (name, before, after).
  public var seriesCounts: [Change] = []
  public var rangeChanges: [RangeChange] = []
  public var panelChanges: [PanelChange] = []
  /// The factor a value range must move by to be listed.
  public var factor: Double

  /// Compares two profiles; values are compared by magnitude (the larger absolute bound).
  public init(_ a: RecordingProfile, _ b: RecordingProfile, factor: Double = 10) {
    self.factor = factor
    targetsAdded = b.targets.subtracting(a.targets).sorted()
    targetsRemoved = a.targets.subtracting(b.targets).sorted()
    familiesAdded = Set(b.families.keys).subtracting(a.families.keys).sorted()
    familiesRemoved = Set(a.families.keys).subtracting(b.families.keys).sorted()
    for name in Set(a.families.keys).intersection(b.families.keys).sorted() {
      guard let before = a.families[name], let after = b.families[name] else { continue }
      if before.type != after.type {
        typeChanges.append(Change(name: name, before: before.type, after: after.type))
      }
      if before.help != after.help {
        helpChanges.append(Change(name: name, before: before.help, after: after.help))
      }
    }
    metricsAdded = Set(b.metrics.keys).subtracting(a.metrics.keys).sorted()
    metricsRemoved = Set(a.metrics.keys).subtracting(b.metrics.keys).sorted()
    for name in Set(a.metrics.keys).intersection(b.metrics.keys).sorted() {
      guard let before = a.metrics[name], let after = b.metrics[name] else { continue }
      if before.labelNames != after.labelNames {
        labelChanges.append(
          LabelChange(
            name: name, added: after.labelNames.subtracting(before.labelNames).sorted(),
            removed: before.labelNames.subtracting(after.labelNames).sorted()))
      }
      if before.series != after.series {
        seriesCounts.append(Change(name: name, before: "\(before.series)", after: "\(after.series)"))
      }
      if let old = before.range, let new = after.range, Self.moved(old, new, factor: factor) {
        rangeChanges.append(RangeChange(name: name, before: old, after: new))
      }
    }
  }

  /// Whether the magnitude moved by more than `factor`, or from zero to something or back.
  static func moved(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>, factor: Double) -> Bool {
    let x = max(abs(a.lowerBound), abs(a.upperBound))
    let y = max(abs(b.lowerBound), abs(b.upperBound))
    if x == 0 || y == 0 { return x != y }
    return max(x, y) / min(x, y) > factor
  }

  /// Adds the panels of one dashboard whose having data differs between A and B.
  public mutating func compare(dashboard: String, _ a: [PanelResult], _ b: [PanelResult]) {
    var afterByKey: [String: PanelResult] = [:]
    for result in b { afterByKey[Self.key(result)] = result }
    for before in a {
      guard let after = afterByKey[Self.key(before)] else { continue }
      let had = before.status == .data
      let has = after.status == .data
      guard had != has else { continue }
      panelChanges.append(
        PanelChange(
          dashboard: dashboard, panel: before.title, before: before.status.rawValue,
          after: after.status.rawValue,
          reasons: (has ? before.reasons : after.reasons).map { (has ? "over A: " : "over B: ") + $0 }))
    }
  }

  static func key(_ result: PanelResult) -> String { "\(result.panel.id ?? -1)\u{0}\(result.title)" }

  /// Nothing changed.
  public var isEmpty: Bool {
    targetsAdded.isEmpty && targetsRemoved.isEmpty && familiesAdded.isEmpty && familiesRemoved.isEmpty
      && typeChanges.isEmpty && helpChanges.isEmpty && metricsAdded.isEmpty && metricsRemoved.isEmpty
      && labelChanges.isEmpty && seriesCounts.isEmpty && rangeChanges.isEmpty && panelChanges.isEmpty
  }
}
