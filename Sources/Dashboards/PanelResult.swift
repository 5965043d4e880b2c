public import PromQL

/// What one target of a panel returned.
public struct TargetResult: Hashable, Sendable {
  /// How the target ran.
  public enum Kind: String, Hashable, Sendable { case range, instant }
  /// The target's refId.
  public var refId: String
  /// The expression after variable interpolation (what was sent to the engine).
  public var expr: String
  /// Range or instant.
  public var kind: Kind
  /// The range query step (ms), or 0 for instant queries.
  public var stepMs: Int64
  /// The series returned (an instant result is one point per series).
  public var series: [Series]
  /// The PromQL error, if the query failed.
  public var error: String?
  /// Why the result is empty, when it is.
  public var noDataReasons: [String]
  /// Why the target was not run (another datasource), if it was not.
  public var skipped: String?
  /// Whether the expression reads series (has a selector); a constant such as a threshold line
  /// `75` does not, and does not make a panel count as showing data.
  public var readsSeries = true
  /// Set when the series came only from constant fallbacks (`or vector(0)`): those branches.
  /// The query without them returned nothing, for ``noDataReasons``.
  public var fallbacksOnly: [String]?

  /// Creates the value from its parts.
  public init(
    refId: String, expr: String, kind: Kind, stepMs: Int64 = 0, series: [Series] = [], error: String? = nil,
    noDataReasons: [String] = [], skipped: String? = nil
  ) {
    self.refId = refId
    self.expr = expr
    self.kind = kind
    self.stepMs = stepMs
    self.series = series
    self.error = error
    self.noDataReasons = noDataReasons
    self.skipped = skipped
  }

  /// Whether any series came back.
  public var hasData: Bool { !series.isEmpty }

  /// Whether the series show the cluster: read from series, not only a constant fallback.
  public var hasRealData: Bool { hasData && readsSeries && fallbacksOnly == nil }
}

/// A panel's verdict: data, no data (with reasons), an error, or skipped (nothing PromQL to run).
public enum PanelStatus: String, Hashable, Sendable {
  case data
  case noData = "no data"
  /// The only lines drawn are constants: `... or vector(0)` fallbacks or threshold targets.
  case fallbackOnly = "fallback only"
  case error
  case skipped
}

/// What a panel shows over the recording.
public struct PanelResult: Hashable, Sendable {
  /// The panel (for repeated panels, one copy per value).
  public var panel: Panel
  /// The title with variables replaced.
  public var title: String
  /// Each active target's result.
  public var targets: [TargetResult]
  /// Variable-level problems that affect the panel (a failed variable query it uses).
  public var notes: [String]
  /// The time range the panel was evaluated over, unix ms, when its own `timeFrom` or
  /// `timeShift` moved it off the dashboard's; nil when it is the dashboard's.
  public var timeRange: ClosedRange<Int64>?
  /// Grafana's header text for that range (`Last 5m`, `timeshift -1h`), empty without one.
  public var timeInfo: String

  /// Creates the value from its parts.
  public init(
    panel: Panel, title: String, targets: [TargetResult], notes: [String] = [],
    timeRange: ClosedRange<Int64>? = nil, timeInfo: String = ""
  ) {
    self.panel = panel
    self.title = title
    self.targets = targets
    self.notes = notes
    self.timeRange = timeRange
    self.timeInfo = timeInfo
  }

  /// Errors win over data, data over no data; a panel with nothing to run is skipped.
  public var status: PanelStatus {
    let run = targets.filter { $0.skipped == nil }
    if run.isEmpty { return .skipped }
    if run.contains(where: { $0.error != nil }) { return .error }
    if run.contains(where: \.hasRealData) { return .data }
    if run.contains(where: \.hasData) { return .fallbackOnly }
    return .noData
  }

  /// The messages behind the status: errors, no-data reasons or skip reasons (deduplicated).
  public var reasons: [String] {
    var out: [String] = []
    func add(_ s: String) { if !out.contains(s) { out.append(s) } }
    switch status {
    case .error:
      for t in targets { if let e = t.error { add("\(t.refId) `\(Self.short(t.expr))`: \(e)") } }
    case .noData, .fallbackOnly:
      for t in targets where t.skipped == nil {
        if t.hasData && !t.readsSeries { add("only constant targets (\(t.refId): \(t.expr)) return data") }
        if let fallbacks = t.fallbacksOnly {
          add(
            "only the fallback \(fallbacks.map { "`\($0)`" }.joined(separator: ", ")) of \(t.refId) returns data"
          )
        }
        t.noDataReasons.forEach(add)
      }
      notes.forEach(add)
    case .skipped:
      for t in targets { if let s = t.skipped { add(s) } }
    case .data: break
    }
    return out
  }

  /// An expression cut to a readable length for a one-line message.
  static func short(_ expr: String) -> String {
    let line = expr.split(whereSeparator: \.isNewline).joined(separator: " ")
    return line.count > 120 ? String(line.prefix(117)) + "..." : line
  }

  /// Title as shown, with the row in front when there is one.
  public var displayName: String {
    let name = title.isEmpty ? "panel \(panel.id.map(String.init) ?? "?")" : title
    return panel.row.map { "\($0) / \(name)" } ?? name
  }
}
