public import PromQL

/// Evaluates every panel of a dashboard over a query service the way Grafana would run it: variables
/// resolved against the data, each non-hidden target interpolated, range queries stepped by the
/// panel's interval (instant ones at the end), empty results explained.
public struct DashboardEvaluator: Sendable {
  /// Where the queries go: the engine over a recording, or a Prometheus HTTP API.
  public var service: any QueryService
  /// The dashboard time range (unix ms).
  public var from: Int64
  public var to: Int64
  /// The datasource's scrape interval (Grafana's default 15s): the default minimum interval and
  /// the base of `$__rate_interval`.
  public var scrapeIntervalMs: Int64 = 15_000
  /// The browser width Grafana would lay the 24-column grid on; a panel's max data points
  /// default to its width in pixels.
  public var dashboardWidthPixels = 1920
  /// Variable values chosen by the caller (`--var NAME=VALUE`).
  public var overrides: [String: [String]] = [:]
  /// Parser options for panel queries.
  public var parserOptions = ParserOptions()

  /// Creates an evaluator over `service` for `from...to`.
  public init(service: any QueryService, from: Int64, to: Int64) {
    self.service = service
    self.from = from
    self.to = to
  }

  /// Creates an evaluator over a recording's `engine`, in-process.
  public init(engine: Engine, from: Int64, to: Int64) {
    self.init(service: engine, from: from, to: to)
  }

  /// The variable selections for `dashboard`.
  public func resolveVariables(_ dashboard: Dashboard) -> VariableResolution {
    var resolver = VariableResolver(service: service, from: from, to: to)
    resolver.scrapeIntervalMs = scrapeIntervalMs
    resolver.overrides = overrides
    resolver.parserOptions = parserOptions
    return resolver.resolve(dashboard.variables)
  }

  /// Every panel's result, repeated panels expanded.
  public func evaluate(_ dashboard: Dashboard) -> [PanelResult] {
    let variables = resolveVariables(dashboard)
    var results: [PanelResult] = []
    for panel in dashboard.panels {
      results += evaluate(panel, in: dashboard, variables: variables)
    }
    return results
  }

  /// One panel (several when it repeats over a multi-value variable).
  public func evaluate(_ panel: Panel, in dashboard: Dashboard, variables: VariableResolution)
    -> [PanelResult]
  {
    if let repeated = panel.repeatVariable, let value = variables.values[repeated],
      value.values.count > 1 || value.isAll
    {
      return value.values.enumerated().map { index, single in
        var scoped = variables
        scoped.values[repeated] = VariableValue(
          name: repeated, values: [single], texts: [value.isAll ? single : value.texts[index]],
          multi: value.multi, includeAll: value.includeAll)
        return evaluateOnce(panel, in: dashboard, variables: scoped)
      }
    }
    return [evaluateOnce(panel, in: dashboard, variables: variables)]
  }

  func evaluateOnce(_ panel: Panel, in dashboard: Dashboard, variables: VariableResolution) -> PanelResult {
    var evaluator = self
    var interpolator = TemplateInterpolator(Array(variables.values.values))
    // Panel time overrides, as Grafana applies them: relative range first, then the shift.
    var info: [String] = []
    if let text = panel.timeFrom,
      let ms = GrafanaInterval.parse(interpolator.interpolate(text, format: .raw)), ms > 0
    {
      evaluator.from = max(from, to &- ms)
      info.append("Last \(interpolator.interpolate(text, format: .raw))")
    }
    if let text = panel.timeShift,
      let ms = GrafanaInterval.parse(interpolator.interpolate(text, format: .raw))
    {
      evaluator.from = evaluator.from &- ms
      evaluator.to = evaluator.to &- ms
      info.append("timeshift -\(interpolator.interpolate(text, format: .raw))")
    }
    var result = evaluator.evaluateInRange(
      panel, in: dashboard, variables: variables, interpolator: &interpolator)
    if evaluator.from != from || evaluator.to != to {
      result.timeRange = evaluator.from...max(evaluator.from, evaluator.to)
      result.timeInfo = info.joined(separator: " ")
    }
    return result
  }

  func evaluateInRange(
    _ panel: Panel, in dashboard: Dashboard, variables: VariableResolution,
    interpolator: inout TemplateInterpolator
  ) -> PanelResult {
    let byName = Dictionary(dashboard.variables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let title = interpolator.interpolate(panel.title, format: .text)
    if let library = panel.libraryPanel, panel.targets.isEmpty {
      return PanelResult(
        panel: panel, title: title,
        targets: [
          TargetResult(
            refId: "-", expr: "", kind: .range,
            skipped: "library panel \(library): its queries are stored in Grafana, not in the dashboard JSON")
        ])
    }
    let rangeMs = max(1, to - from)
    let maxDataPoints =
      panel.maxDataPoints ?? max(1, min(24, max(1, panel.width)) * min(dashboardWidthPixels, 100_000) / 24)
    let panelMinimum =
      GrafanaInterval.parse(interpolator.interpolate(panel.minInterval, format: .raw)) ?? scrapeIntervalMs
    let intervalMs = GrafanaInterval.panelInterval(
      rangeMs: rangeMs, maxDataPoints: maxDataPoints, minimumMs: panelMinimum)
    var results: [TargetResult] = []
    for target in panel.activeTargets {
      let datasource = target.datasource ?? panel.datasource
      if let datasource, !datasource.isMixed, let reason = datasource.notPrometheusReason(variables: byName) {
        results.append(TargetResult(refId: target.refId, expr: target.expr, kind: .range, skipped: reason))
        continue
      }
      let minStepText = interpolator.interpolate(target.interval, format: .raw)
      let minStep =
        target.interval.contains("__interval") || target.interval.contains("__rate_interval")
        ? nil : GrafanaInterval.parse(minStepText)
      let step = GrafanaInterval.step(
        panelIntervalMs: intervalMs, targetMinStepMs: minStep, rangeMs: rangeMs,
        intervalFactor: target.intervalFactor)
      let rate = GrafanaInterval.rateInterval(stepMs: step, scrapeIntervalMs: minStep ?? scrapeIntervalMs)
      for builtin in builtins(stepMs: step, rateIntervalMs: rate) { interpolator.set(builtin) }
      let expr = interpolator.interpolate(target.expr)
      results.append(run(target, expr: expr, stepMs: step))
    }
    var notes: [String] = []
    let used = Set(panel.targets.flatMap { TemplateInterpolator.referencedNames(in: $0.expr) })
    for (name, problem) in variables.problems.sorted(by: { $0.key < $1.key }) where used.contains(name) {
      notes.append(problem)
    }
    return PanelResult(panel: panel, title: title, targets: results, notes: notes)
  }

  /// `$__interval`, `$__rate_interval`, `$__range`, `$__from`, `$__to` for one target.
  public func builtins(stepMs: Int64, rateIntervalMs: Int64) -> [VariableValue] {
    let rangeMs = to - from
    let rangeS = Int64((Double(rangeMs) / 1000).rounded())
    return [
      .single("__interval", GrafanaInterval.text(stepMs)), .single("__interval_ms", "\(stepMs)"),
      .single("__rate_interval", GrafanaInterval.exactText(rateIntervalMs)),
      .single("__rate_interval_ms", "\(rateIntervalMs)"),
      .single("__range", "\(rangeS)s"), .single("__range_s", "\(rangeS)"),
      .single("__range_ms", "\(rangeMs)"),
      .single("__from", "\(from)"), .single("__to", "\(to)"),
    ]
  }

  func run(_ target: PanelTarget, expr text: String, stepMs: Int64) -> TargetResult {
    let instant = target.instant && !target.range
    let kind: TargetResult.Kind = instant ? .instant : .range
    let parsed: Expr
    do {
      parsed = try Parser.parse(text, options: parserOptions)
    } catch {
      return TargetResult(refId: target.refId, expr: text, kind: kind, error: error.description)
    }
    // Grafana aligns the range to multiples of the step.
    let start = floorDiv(from, stepMs) &* stepMs
    let end = floorDiv(to, stepMs) &* stepMs
    do {
      let series: [Series]
      if instant {
        series = DashboardEvaluator.series(of: try service.instantQuery(parsed, at: to), at: to)
      } else {
        guard parsed.type == .vector || parsed.type == .scalar else {
          return TargetResult(
            refId: target.refId, expr: text, kind: kind, stepMs: stepMs,
            error:
              "invalid expression type \"\(parsed.type.documentedName)\" for range query, must be Scalar or instant Vector"
          )
        }
        series = try service.rangeQuery(parsed, start: start, end: end, step: stepMs)
      }
      var result = TargetResult(
        refId: target.refId, expr: text, kind: kind, stepMs: instant ? 0 : stepMs, series: series)
      result.readsSeries = !NoDataExplainer.selectors(in: parsed).isEmpty
      let explainer = NoDataExplainer(
        service: service, start: instant ? to : start, end: instant ? to : end, step: instant ? 0 : stepMs)
      if series.isEmpty {
        result.noDataReasons = explainer.explain(parsed)
      } else if result.readsSeries, let (kept, fallbacks) = FallbackBranches.strip(parsed) {
        // Data that comes only from `or vector(0)` is a flat line, not the cluster.
        let real =
          instant
          ? DashboardEvaluator.series(of: try service.instantQuery(kept, at: to), at: to)
          : try service.rangeQuery(kept, start: start, end: end, step: stepMs)
        if real.isEmpty {
          result.fallbacksOnly = fallbacks
          result.noDataReasons = explainer.explain(kept)
        }
      }
      return result
    } catch {
      return TargetResult(
        refId: target.refId, expr: text, kind: kind, stepMs: stepMs, error: "\(error)")
    }
  }

  /// An instant value as series of one point each.
  static func series(of value: Value, at time: Int64) -> [Series] {
    switch value {
    case .scalar(let v): return [Series(labels: .empty, timestamps: [time], values: [v])]
    case .string: return []
    case .vector(let samples):
      return samples.map { Series(labels: $0.labels, timestamps: [$0.timestamp], values: [$0.value]) }
    case .matrix(let series): return series
    }
  }

  func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    guard b > 0 else { return a }
    let q = a / b
    return (a % b != 0 && a < 0) ? q - 1 : q
  }
}
