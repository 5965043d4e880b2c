public import PromQL
public import YAML

/// A Prometheus rule file: groups of recording and alerting rules, as `rulefmt` reads them.
public struct RuleFile: Sendable {
  /// The path it was read from (as given), for messages.
  public var path: String
  /// The groups, in file order.
  public var groups: [RuleGroup]

  /// A rule file from its parts.
  public init(path: String, groups: [RuleGroup]) {
    self.path = path
    self.groups = groups
  }

  /// How many rules the file holds.
  public var ruleCount: Int { groups.reduce(0) { $0 + $1.rules.count } }
}

/// One rule group: rules evaluated in order, every `interval`.
public struct RuleGroup: Sendable {
  /// The group's name (unique within its file).
  public var name: String
  /// The evaluation interval in ms, or nil for the global one.
  public var interval: Int64?
  /// `query_offset` in ms (Prometheus 3), or nil for the global one.
  public var queryOffset: Int64?
  /// The most series (recording) or alerts (alerting) a rule may produce; 0 means no limit.
  public var limit: Int
  /// Labels added to every rule of the group (Prometheus 3); a rule's own labels win.
  public var labels: [(name: String, value: String)]
  /// The rules, in order.
  public var rules: [Rule]
  /// Where the group starts in its file.
  public var mark: YAMLMark

  /// A group from its parts.
  public init(
    name: String, interval: Int64? = nil, queryOffset: Int64? = nil, limit: Int = 0,
    labels: [(name: String, value: String)] = [], rules: [Rule], mark: YAMLMark = YAMLMark(line: 1, column: 1)
  ) {
    self.name = name
    self.interval = interval
    self.queryOffset = queryOffset
    self.limit = limit
    self.labels = labels
    self.rules = rules
    self.mark = mark
  }
}

/// A recording or alerting rule.
public struct Rule: Sendable {
  /// What the rule does with its expression's result.
  public enum Kind: Sendable, Equatable {
    /// Stores the result as series named `record`.
    case recording(record: String)
    /// Turns each result sample into an alert named `alert`.
    case alerting(alert: String)
  }

  /// Recording or alerting, with its name.
  public var kind: Kind
  /// The expression as written.
  public var exprText: String
  /// The parsed expression.
  public var expr: Expr
  /// `for`: how long a condition must hold before the alert fires (ms).
  public var holdDuration: Int64
  /// `keep_firing_for`: how long an alert keeps firing after its condition clears (ms).
  public var keepFiringFor: Int64
  /// The rule's labels, in file order (alerting rules: templates).
  public var labels: [(name: String, value: String)]
  /// The annotations (templates), in file order.
  public var annotations: [(name: String, value: String)]
  /// Where the rule starts in its file.
  public var mark: YAMLMark

  /// A rule from its parts.
  public init(
    kind: Kind, exprText: String, expr: Expr, holdDuration: Int64 = 0, keepFiringFor: Int64 = 0,
    labels: [(name: String, value: String)] = [], annotations: [(name: String, value: String)] = [],
    mark: YAMLMark = YAMLMark(line: 1, column: 1)
  ) {
    self.kind = kind
    self.exprText = exprText
    self.expr = expr
    self.holdDuration = holdDuration
    self.keepFiringFor = keepFiringFor
    self.labels = labels
    self.annotations = annotations
    self.mark = mark
  }

  /// The record or alert name.
  public var name: String {
    switch kind {
    case .recording(let record): return record
    case .alerting(let alert): return alert
    }
  }

  /// Whether this is an alerting rule.
  public var isAlerting: Bool {
    if case .alerting = kind { return true }
    return false
  }
}
