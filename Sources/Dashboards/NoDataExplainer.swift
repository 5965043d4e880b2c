public import PromQL

/// Explains an empty result by walking the expression: a metric the recording lacks, a label
/// matcher no series satisfies, or the smallest sub-expression that is empty although its
/// inputs are not.
public struct NoDataExplainer: Sendable {
  /// Where the query ran: sub-expressions are evaluated and selectors looked up there.
  public var service: any QueryService
  /// The query window and step (step 0 for an instant query at `end`).
  public var start: Int64
  public var end: Int64
  public var step: Int64

  /// Creates an explainer for one query window.
  public init(service: any QueryService, start: Int64, end: Int64, step: Int64) {
    self.service = service
    self.start = start
    self.end = end
    self.step = step
  }

  /// Creates an explainer over a recording's `engine`, in-process.
  public init(engine: Engine, start: Int64, end: Int64, step: Int64) {
    self.init(service: engine, start: start, end: end, step: step)
  }

  /// Reasons, most specific first; never empty.
  public func explain(_ expr: Expr) -> [String] {
    var reasons: [String] = []
    for (selector, window) in NoDataExplainer.selectors(in: expr) {
      if let reason = explain(selector, windowMs: window), !reasons.contains(reason) {
        reasons.append(reason)
      }
    }
    if !reasons.isEmpty { return reasons }
    if let culprit = emptiestNode(expr) {
      var text = culprit.description
      if text.count > 160 { text = String(text.prefix(157)) + "..." }
      return ["every selector has series, but `\(text)` returns nothing over the window"]
    }
    return ["the query returns nothing over the window"]
  }

  /// Every vector selector with how far back it reads (lookback, or range + lookback-free window).
  static func selectors(in expr: Expr) -> [(VectorSelector, Int64)] {
    var out: [(VectorSelector, Int64)] = []
    func walk(_ e: Expr, extra: Int64) {
      switch e {
      case .vectorSelector(let s): out.append((s, extra + 5 * 60_000))
      case .matrixSelector(let m): out.append((m.selector, extra + NoDataExplainer.milliseconds(m.range)))
      case .subquery(let sq): walk(sq.expr, extra: extra + NoDataExplainer.milliseconds(sq.range))
      default: for child in e.children { walk(child, extra: extra) }
      }
    }
    walk(expr, extra: 0)
    return out
  }

  static func milliseconds(_ d: DurationValue) -> Int64 {
    if case .fixed(let ns) = d { return ns / 1_000_000 }
    return 0
  }

  func offsetMs(_ s: VectorSelector) -> Int64 {
    guard let offset = s.offset else { return 0 }
    return NoDataExplainer.milliseconds(offset)
  }

  /// Why one selector selects nothing in the window, or nil when it selects something.
  func explain(_ selector: VectorSelector, windowMs: Int64) -> String? {
    do {
      return try lookUp(selector, windowMs: windowMs)
    } catch {
      return "looking up the series of \(selector) failed: \(error)"
    }
  }

  func lookUp(_ selector: VectorSelector, windowMs: Int64) throws -> String? {
    let from = start &- windowMs &- offsetMs(selector)
    let to = end &- offsetMs(selector)
    let nameMatchers = selector.matchers.filter { $0.name == LabelMatcher.metricNameLabel }
    let others = selector.matchers.filter { $0.name != LabelMatcher.metricNameLabel }
    let name = nameMatchers.first { $0.type == .equal }?.value
    let label = name ?? "{\(nameMatchers.map(\.description).joined(separator: ","))}"
    if !nameMatchers.isEmpty {
      let named = try service.series(matching: nameMatchers, start: from, end: to)
      if named.isEmpty {
        let ever = try service.series(matching: nameMatchers, start: Int64.min / 4, end: Int64.max / 4)
        if ever.isEmpty {
          return name.map { "metric \($0) is not in the recording" } ?? "no metric matches \(label)"
        }
        return "metric \(label) has no samples in the query window"
      }
      if !(try service.series(matching: selector.matchers, start: from, end: to)).isEmpty { return nil }
      for matcher in others where !named.contains(where: { matcher.matches($0[matcher.name] ?? "") }) {
        let values = Set(named.compactMap { $0[matcher.name] }).sorted()
        let shown = values.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ")
        let present =
          values.isEmpty
          ? " (no series of \(label) has a \(matcher.name) label)"
          : " (\(matcher.name) has \(shown)\(values.count > 6 ? ", ... \(values.count) values" : ""))"
        return "no series of \(label) match \(matcher)\(present)"
      }
      return "no series of \(label) match \(others.map(\.description).joined(separator: ", ")) together"
    }
    if try service.series(matching: selector.matchers, start: from, end: to).isEmpty {
      return "no series match {\(selector.matchers.map(\.description).joined(separator: ","))}"
    }
    return nil
  }

  /// The deepest evaluable node that is empty while all its evaluable children have data.
  func emptiestNode(_ expr: Expr) -> Expr? {
    guard isEmpty(expr) == true else { return nil }
    for child in expr.children {
      if isEmpty(child) == true, let deeper = emptiestNode(child) { return deeper }
    }
    return expr
  }

  /// Whether `expr` evaluates to nothing over the window (nil when it cannot be evaluated alone).
  func isEmpty(_ expr: Expr) -> Bool? {
    switch expr.type {
    case .vector, .scalar:
      if step > 0 {
        guard let series = try? service.rangeQuery(expr, start: start, end: end, step: step) else {
          return nil
        }
        return series.isEmpty
      }
      guard let value = try? service.instantQuery(expr, at: end) else { return nil }
      if case .vector(let samples) = value { return samples.isEmpty }
      return false
    default:
      return nil
    }
  }
}
