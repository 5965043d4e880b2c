public import PromQL

/// Where an alert instance stands, as Prometheus's rule manager names it.
public enum AlertState: String, Sendable, Hashable, Comparable {
  case inactive, pending, firing

  private var rank: Int {
    switch self {
    case .inactive: return 0
    case .pending: return 1
    case .firing: return 2
    }
  }

  public static func < (lhs: AlertState, rhs: AlertState) -> Bool { lhs.rank < rhs.rank }
}

/// One alert of an alerting rule: one label set of its expression's result.
public struct AlertInstance: Sendable, Hashable {
  /// The alert's labels: the sample's labels without `__name__`, the rule's (expanded) labels,
  /// `alertname`.
  public var labels: Labels
  /// The expanded annotations.
  public var annotations: Labels
  /// Where it stands.
  public var state: AlertState
  /// When it became active (pending), Unix ms.
  public var activeAt: Int64
  /// When it started firing, Unix ms.
  public var firedAt: Int64?
  /// When it was resolved, Unix ms.
  public var resolvedAt: Int64?
  /// Since when its condition has been gone while `keep_firing_for` keeps it firing, Unix ms.
  public var keepFiringSince: Int64?
  /// The expression's value at the last evaluation that returned it.
  public var value: Double

  /// An alert from its parts.
  public init(
    labels: Labels, annotations: Labels, state: AlertState, activeAt: Int64, firedAt: Int64? = nil,
    resolvedAt: Int64? = nil, keepFiringSince: Int64? = nil, value: Double
  ) {
    self.labels = labels
    self.annotations = annotations
    self.state = state
    self.activeAt = activeAt
    self.firedAt = firedAt
    self.resolvedAt = resolvedAt
    self.keepFiringSince = keepFiringSince
    self.value = value
  }
}
