public import PromQL

/// Evaluates rule groups as Prometheus's rule manager does: rules of a group in order at one
/// timestamp, each rule's output written to the storage at once (so later rules and groups see
/// it), stale markers for series a rule stopped producing, alerts through inactive, pending,
/// firing and resolved, with `for`, `keep_firing_for`, `limit`, `ALERTS` and `ALERTS_FOR_STATE`.
/// Alerting rules count as restored, so they write `ALERTS` from their first evaluation.
public struct RuleEvaluator: Sendable {
  /// A group as loaded: where it came from, and the state of each of its rules.
  public struct LoadedGroup: Sendable {
    /// The file the group came from.
    public let file: String
    /// The group (with its labels merged into each rule's).
    public let group: RuleGroup
    var states: [RuleState]
  }

  struct RuleState: Sendable {
    var previousSeries: Set<Labels> = []
    var active: [Labels: AlertInstance] = [:]
    var lastError: String?
  }

  /// Kept for 15 minutes after they resolve, as Prometheus keeps them for Alertmanager.
  static let resolvedRetention: Int64 = 15 * 60_000

  /// The recorded series plus what the rules wrote.
  public let storage: RuleStorage
  /// The groups in evaluation order.
  public private(set) var groups: [LoadedGroup]
  /// How rules are evaluated.
  public let options: RuleEvaluationOptions
  let engine: Engine
  let parserOptions: ParserOptions

  /// Rules of `files` over `base`, groups in file order.
  public init(files: [RuleFile], base: any Storage, options: RuleEvaluationOptions = RuleEvaluationOptions())
  {
    self.options = options
    storage = RuleStorage(base: base)
    var engine = Engine(storage: storage)
    engine.prometheus2Semantics = options.prometheus2
    engine.lookbackDelta = options.lookbackDelta
    engine.defaultSubqueryStep = options.defaultInterval
    engine.timeout = options.queryTimeout
    engine.maxSamples = options.maxSamples
    self.engine = engine
    var parser = ParserOptions()
    parser.prometheus2Functions = options.prometheus2
    parserOptions = parser
    groups = files.flatMap { file in
      file.groups.map { group in
        var merged = group
        merged.rules = group.rules.map { rule in
          var rule = rule
          let own = Set(rule.labels.map(\.name))
          rule.labels = group.labels.filter { !own.contains($0.name) } + rule.labels
          return rule
        }
        return LoadedGroup(
          file: file.path, group: merged, states: Array(repeating: RuleState(), count: group.rules.count))
      }
    }
  }

  /// Puts the groups in `order` (names; unnamed groups rank with the first named one, as promtool's
  /// `group_eval_order` does), keeping file order among equals.
  public mutating func order(by names: [String]) {
    var rank: [String: Int] = [:]
    for (index, name) in names.enumerated() where rank[name] == nil { rank[name] = index }
    groups = groups.enumerated().sorted { lhs, rhs in
      let left = rank[lhs.element.group.name] ?? 0
      let right = rank[rhs.element.group.name] ?? 0
      return left != right ? left < right : lhs.offset < rhs.offset
    }
    .map(\.element)
  }

  /// The interval of group `index` (ms).
  public func interval(ofGroup index: Int) -> Int64 {
    groups[index].group.interval.flatMap { $0 > 0 ? $0 : nil } ?? options.defaultInterval
  }

  /// Evaluates group `index` at `time` (Unix ms); returns the rules that failed, in order.
  @discardableResult
  public mutating func evaluate(group index: Int, at time: Int64) -> [RuleFailure] {
    let group = groups[index].group
    let offset = group.queryOffset ?? options.defaultQueryOffset
    var failures: [RuleFailure] = []
    for ruleIndex in group.rules.indices {
      let rule = group.rules[ruleIndex]
      var state = groups[index].states[ruleIndex]
      do {
        let output =
          rule.isAlerting
          ? try evaluateAlerting(rule, state: &state, at: time, offset: offset, limit: group.limit)
          : try evaluateRecording(rule, at: time - offset, limit: group.limit)
        var returned: Set<Labels> = []
        for sample in output {
          storage.append(sample.labels, time: sample.timestamp, value: sample.value)
          returned.insert(sample.labels)
        }
        for labels in state.previousSeries where !returned.contains(labels) {
          storage.append(labels, time: time - offset, value: StaleMarker.value)
        }
        state.previousSeries = returned
        state.lastError = nil
      } catch {
        state.lastError = error.message
        failures.append(
          RuleFailure(
            group: group.name, file: groups[index].file, rule: ruleIndex, name: rule.name, time: time,
            message: error.message))
      }
      groups[index].states[ruleIndex] = state
    }
    return failures
  }

  /// The alerts of rule `rule` in group `group` that are pending or firing (not resolved).
  public func activeAlerts(group: Int, rule: Int) -> [AlertInstance] {
    groups[group].states[rule].active.values.filter { $0.resolvedAt == nil }
      .sorted { Labels.precedes($0.labels, $1.labels) }
  }

  /// Every alert instance rule `rule` of group `group` holds, resolved ones included.
  public func allAlerts(group: Int, rule: Int) -> [AlertInstance] {
    groups[group].states[rule].active.values.sorted { Labels.precedes($0.labels, $1.labels) }
  }

  /// The last evaluation error of a rule, if its last evaluation failed.
  public func lastError(group: Int, rule: Int) -> String? { groups[group].states[rule].lastError }

  /// The rule's expression as an instant query, a scalar as a one-sample vector without labels.
  func query(_ expr: Expr, at time: Int64) throws(EvaluationError) -> [VectorSample] {
    switch try engine.instantQuery(expr, at: time) {
    case .vector(let samples): return samples
    case .scalar(let value): return [VectorSample(labels: .empty, value: value, timestamp: time)]
    default: throw EvaluationError("rule result is not a vector or scalar")
    }
  }

  /// A template's `query` function at `time`: the query's samples, a scalar as one without labels.
  func templateQuery(at time: Int64)
    -> @Sendable (String) throws -> [(labels: [String: String], value: Double)]
  {
    let engine = engine
    let parserOptions = parserOptions
    return { text in
      let expr = try Parser.parse(text, options: parserOptions)
      let samples: [VectorSample]
      switch try engine.instantQuery(expr, at: time) {
      case .vector(let vector): samples = vector
      case .scalar(let value): samples = [VectorSample(labels: .empty, value: value, timestamp: time)]
      default: throw EvaluationError("rule result is not a vector or scalar")
      }
      return samples.map { sample in
        (Dictionary(sample.labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }), sample.value)
      }
    }
  }

  private func evaluateRecording(_ rule: Rule, at time: Int64, limit: Int) throws(EvaluationError)
    -> [VectorSample]
  {
    var samples = try query(rule.expr, at: time)
    var seen: Set<Labels> = []
    for index in samples.indices {
      var labels = samples[index].labels.setting(LabelMatcher.metricNameLabel, to: rule.name)
      for label in rule.labels { labels = labels.setting(label.name, to: label.value) }
      samples[index].labels = labels
      samples[index].timestamp = time
      guard seen.insert(labels).inserted else {
        throw EvaluationError("vector contains metrics with the same labelset after applying rule labels")
      }
    }
    if limit > 0 && samples.count > limit {
      throw EvaluationError("exceeded limit of \(limit) with \(samples.count) series")
    }
    return samples
  }
}

/// A rule whose evaluation failed, as promtool reports it.
public struct RuleFailure: Sendable, Hashable {
  /// The group's name.
  public var group: String
  /// The file the group came from.
  public var file: String
  /// The rule's index in its group.
  public var rule: Int
  /// The rule's record or alert name.
  public var name: String
  /// The evaluation time (Unix ms).
  public var time: Int64
  /// The error.
  public var message: String
}
