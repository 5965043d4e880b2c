public import Dashboards
public import PromQL
public import Rules

/// A recording with rule files evaluated over it, as Prometheus's rule manager would have:
/// queries see the recorded series plus every recording rule's output and `ALERTS`, and the
/// alert timeline answers `expectAlert`.
public struct RulesBackend: QueryBackend {
  /// The recording the rules ran over.
  public let base: ArchiveBackend
  /// The rule files, as given.
  public let ruleFiles: [RuleFile]
  /// What the rules did over the whole recording.
  public let timeline: RuleTimeline
  let queryEngine: Engine

  /// Evaluates `ruleFiles` over `base` from its first to its last frame, each group at its own
  /// interval or `interval` (ms).
  public init(base: ArchiveBackend, ruleFiles: [RuleFile], interval: Int64 = 60_000) {
    self.base = base
    self.ruleFiles = ruleFiles
    var options = RuleEvaluationOptions()
    options.defaultInterval = max(1, interval)
    // Evaluated once and cached for every suite: Prometheus's default limits, whatever the trait.
    options.queryTimeout = QueryLimits().timeout
    options.maxSamples = QueryLimits().maxSamples
    timeline = RuleTimeline.evaluate(
      files: ruleFiles, storage: base.queryEngine.storage, start: base.startMs, end: base.endMs,
      options: options)
    queryEngine = Engine(storage: timeline.evaluator.storage)
  }

  public var name: String { base.name + " with " + ruleFiles.map(\.path).joined(separator: ", ") }
  public var startMs: Int64 { base.startMs }
  public var endMs: Int64 { base.endMs }
  public var scrapeIntervalMs: Int64 { base.scrapeIntervalMs }
  /// The engine with the running test's ``QueryLimits``.
  public var engine: Engine? { QueryLimits.current.applied(to: queryEngine) }
  /// The engine with the running test's ``QueryLimits``.
  public var service: any QueryService { QueryLimits.current.applied(to: queryEngine) }

  public func instantQuery(_ query: String, at time: Int64) throws -> Value {
    try QueryLimits.current.applied(to: queryEngine).instantQuery(Parser.parse(query), at: time)
  }

  public func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws -> [Series] {
    try QueryLimits.current.applied(to: queryEngine).rangeQuery(
      Parser.parse(query), start: start, end: end, step: step)
  }

  /// The alerting rules named `alertname`, with their groups.
  func alertingRules(named alertname: String) -> [(group: String, file: String, rule: Rule)] {
    timeline.evaluator.groups.flatMap { loaded in
      loaded.group.rules.filter { $0.isAlerting && $0.name == alertname }.map {
        (loaded.group.name, loaded.file, $0)
      }
    }
  }

  /// Every record name the loaded rules write.
  var recordedNames: Set<String> {
    Set(ruleFiles.flatMap(\.groups).flatMap(\.rules).filter { !$0.isAlerting }.map(\.name))
  }
}
