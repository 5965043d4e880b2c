import PromQL

/// Runs scripts against the engine, one storage per script (emptied by `clear`).
public struct ScriptRunner: Sendable {
  /// Prometheus 2 semantics (left-closed windows, 2.x function names), for the v2.42 scripts.
  public var prometheus2: Bool
  /// The most samples one query may hold, as Prometheus's `--query.max-samples` (its default).
  public var maxSamples: Int? = 50_000_000
  /// How long one query may run, as Prometheus's `--query.timeout` (its default): a script's
  /// `eval range` over years at a millisecond step ends with an error instead of running for hours.
  public var timeout: Duration? = .seconds(120)

  /// Creates the value from its parts.
  public init(prometheus2: Bool = false) {
    self.prometheus2 = prometheus2
  }

  var parserOptions: ParserOptions {
    var options = ParserOptions.all
    options.prometheus2Functions = prometheus2
    return options
  }

  /// Every eval's result, in file order.
  public func run(_ script: Script) -> [EvalResult] {
    var data = ScriptData()
    var results: [EvalResult] = []
    for command in script.commands {
      switch command {
      case .clear: data = ScriptData()
      case .load(let load): data.load(load)
      case .eval(let eval):
        let outcome = evaluate(eval, data: &data)
        results.append(
          EvalResult(file: script.file, line: eval.line, expression: eval.expression, outcome: outcome))
      }
    }
    return results
  }

  func evaluate(_ eval: EvalCommand, data: inout ScriptData) -> EvalResult.Outcome {
    let expr: Expr
    do {
      expr = try Parser.parse(eval.expression, options: parserOptions)
    } catch {
      if eval.expectsHistograms { return .nativeHistograms }
      return errorOutcome(eval, message: error.message)
    }
    let selectors = ScriptRunner.selectors(in: expr)
    if eval.expectsHistograms || data.reads(selectors, of: data.histograms) { return .nativeHistograms }
    if data.reads(selectors, of: data.startTimestamps) { return .unsupported("start timestamps") }
    if eval.expectsWarning || eval.expectsInfo { return .unsupported("warn/info annotations") }
    var engine = Engine(storage: data.storage())
    engine.prometheus2Semantics = prometheus2
    engine.timeout = timeout
    engine.maxSamples = maxSamples
    // Prometheus's test engine turns delayed name removal on (2.42 did not have it).
    engine.delayedNameRemoval = !prometheus2
    do {
      switch eval.kind {
      case .instant(let time):
        let value = try engine.instantQuery(expr, at: eval.rangeVector?.end ?? time)
        if eval.failure != nil { return .failed("expected an error, got:\n\(ScriptRunner.describe(value))") }
        if let problem = compare(eval, value) { return .failed(problem) }
        return extraChecks(eval, expr, at: time, engine: engine).map { .failed($0) } ?? .passed
      case .range(let start, let end, let step):
        let series = try engine.rangeQuery(expr, start: start, end: end, step: step)
        if eval.failure != nil {
          return .failed("expected an error, got:\n\(ScriptRunner.describe(.matrix(series)))")
        }
        return ScriptRunner.compareMatrix(series, start: start, step: step, expected: eval.expectedSeries)
          .map { .failed($0) } ?? .passed
      }
    } catch {
      return errorOutcome(eval, message: error.message)
    }
  }

  /// The outcome when parsing or evaluating the query failed with `message`.
  func errorOutcome(_ eval: EvalCommand, message: String) -> EvalResult.Outcome {
    if message.contains("not supported by this evaluator") || message.contains("not implemented") {
      return .unsupported(message)
    }
    switch eval.failure {
    case nil: return .failed("unexpected error: \(message)")
    case .any: return .passed
    case .message(let wanted):
      return message == wanted ? .passed : .failed("expected error \"\(wanted)\", got \"\(message)\"")
    case .regex(let pattern):
      guard let regex = try? Regex(pattern) else { return .failed("invalid expected error regex \(pattern)") }
      return message.contains(regex)
        ? .passed : .failed("expected an error matching \(pattern), got \"\(message)\"")
    }
  }

  /// Every vector selector the expression reads (including those of matrix selectors).
  static func selectors(in expr: Expr) -> [VectorSelector] {
    switch expr {
    case .vectorSelector(let selector): return [selector]
    case .matrixSelector(let matrix): return [matrix.selector]
    default: return expr.children.flatMap { selectors(in: $0) }
    }
  }
}

/// The series loaded since the last `clear`.
struct ScriptData {
  var floats: [Labels: [(time: Int64, value: Double)]] = [:]
  /// Series holding native histograms (not loaded: the engine has none).
  var histograms: Set<Labels> = []
  var startTimestamps: Set<Labels> = []
  var cached: InMemoryStorage?

  mutating func load(_ load: LoadCommand) {
    cached = nil
    startTimestamps.formUnion(load.startTimestampSeries)
    for series in load.series {
      if series.hasHistograms {
        histograms.insert(series.labels)
        continue
      }
      var points = floats[series.labels] ?? []
      let known = Set(points.map(\.time))
      for (slot, value) in series.values.enumerated() {
        guard let value else { continue }
        let time = Int64(slot) &* load.interval
        if !known.contains(time) { points.append((time, value)) }
      }
      floats[series.labels] = points.sorted { $0.time < $1.time }
      if load.withNHCB, let name = series.labels.metricName, name.hasSuffix("_bucket"),
        series.labels["le"] != nil
      {
        histograms.insert(
          series.labels.removing(["le"]).setting(LabelMatcher.metricNameLabel, to: String(name.dropLast(7))))
      }
    }
  }

  mutating func storage() -> InMemoryStorage {
    if let cached { return cached }
    let storage = InMemoryStorage(
      floats.map { Series(labels: $0.key, timestamps: $0.value.map(\.time), values: $0.value.map(\.value)) })
    cached = storage
    return storage
  }

  /// Whether any of `selectors` selects a series of `set`.
  func reads(_ selectors: [VectorSelector], of set: Set<Labels>) -> Bool {
    guard !set.isEmpty else { return false }
    return selectors.contains { selector in
      set.contains { Series.labels($0, match: selector.matchers) }
    }
  }
}
