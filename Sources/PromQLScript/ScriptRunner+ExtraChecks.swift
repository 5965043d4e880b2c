public import PromQL

/// The checks promqltest adds to every instant eval that passed: the expression with each selector
/// pinned by `@` to the eval time must give the same result at other times, and both forms must
/// give it again as a range query around the eval time.
extension ScriptRunner {
  /// Functions whose result depends on the evaluation time itself: no `@` check.
  static let clockFunctions: Set<String> = [
    "days_in_month", "day_of_month", "day_of_week", "day_of_year", "end", "hour", "minute", "month", "year",
    "predict_linear", "range", "start", "step", "time", "timestamp",
  ]
  /// Functions that read the range query's parameters: no range-query check.
  static let queryFunctions: Set<String> = ["start", "end", "range", "step"]

  /// nil when the extra checks pass; otherwise which one failed and how.
  public func extraChecks(_ eval: EvalCommand, _ expr: Expr, at time: Int64, engine: Engine) -> String? {
    guard eval.expectedString == nil, eval.rangeVector == nil else { return nil }
    let functions = ScriptRunner.functions(in: expr)
    let readsQuery =
      !functions.isDisjoint(with: ScriptRunner.queryFunctions) || eval.expression.contains("step()")
      || eval.expression.contains("range()")
    var forms: [(String, Expr)] = [("", expr)]
    if functions.isDisjoint(
      with: prometheus2
        ? ScriptRunner.clockFunctions.subtracting(ScriptRunner.queryFunctions) : ScriptRunner.clockFunctions)
    {
      let pinned = ScriptRunner.pinned(expr, at: time)
      forms.append(("with every selector at @\(ScriptRunner.format(Double(time) / 1000)), ", pinned))
      let times = time == 0 ? [-1000, 0, 1000] : [0 &- 10 &* time, 0, time / 5, time, 10 &* time]
      for other in times {
        let value: Value
        do {
          value = try engine.instantQuery(pinned, at: other)
        } catch {
          return "with every selector at @\(ScriptRunner.format(Double(time) / 1000)), evaluated at "
            + "\(ScriptRunner.format(Double(other) / 1000))s: unexpected error: \(error.message)"
        }
        if let problem = compare(eval, value) {
          return "with every selector at @\(ScriptRunner.format(Double(time) / 1000)), evaluated at "
            + "\(ScriptRunner.format(Double(other) / 1000))s:\n\(problem)"
        }
      }
    }
    guard !readsQuery else { return nil }
    for (label, form) in forms {
      let series: [Series]
      do {
        series = try engine.rangeQuery(form, start: time &- 60_000, end: time &+ 60_000, step: 60_000)
      } catch {
        return "\(label)as a range query: unexpected error: \(error.message)"
      }
      if eval.ordered { continue }
      let samples = series.compactMap { entry -> VectorSample? in
        guard let index = entry.timestamps.firstIndex(of: time) else { return nil }
        return VectorSample(labels: entry.labels, value: entry.values[index], timestamp: time)
      }
      let problem: String?
      if let wanted = eval.expectedScalar {
        problem =
          samples.count == 1 && ScriptRunner.almostEqual(samples[0].value, wanted)
          ? nil
          : "expected scalar \(ScriptRunner.format(wanted)), got:\n\(ScriptRunner.describe(.vector(samples)))"
      } else {
        problem = ScriptRunner.compareVector(samples, expected: eval.expectedSeries, ordered: false)
      }
      if let problem {
        return "\(label)as a range query, at \(ScriptRunner.format(Double(time) / 1000))s:\n\(problem)"
      }
    }
    return nil
  }

  /// Every function the expression calls.
  public static func functions(in expr: Expr) -> Set<String> {
    var names: Set<String> = []
    if case .call(let call) = expr { names.insert(call.function.name) }
    for child in expr.children { names.formUnion(functions(in: child)) }
    return names
  }

  /// `expr` with `@ time` on every selector and subquery that has none; a subquery's inside is left
  /// as it is (it is read relative to the subquery's steps).
  public static func pinned(_ expr: Expr, at time: Int64) -> Expr {
    let at = AtModifier.timestamp(milliseconds: time)
    switch expr {
    case .number, .string: return expr
    case .vectorSelector(var selector):
      if selector.at == nil { selector.at = at }
      return .vectorSelector(selector)
    case .matrixSelector(var matrix):
      if matrix.selector.at == nil { matrix.selector.at = at }
      return .matrixSelector(matrix)
    case .subquery(var subquery):
      if subquery.at == nil { subquery.at = at }
      return .subquery(subquery)
    case .aggregate(var aggregate):
      aggregate.expr = pinned(aggregate.expr, at: time)
      aggregate.param = aggregate.param.map { pinned($0, at: time) }
      return .aggregate(aggregate)
    case .binary(var binary):
      binary.lhs = pinned(binary.lhs, at: time)
      binary.rhs = pinned(binary.rhs, at: time)
      return .binary(binary)
    case .unary(var unary):
      unary.expr = pinned(unary.expr, at: time)
      return .unary(unary)
    case .call(var call):
      call.args = call.args.map { pinned($0, at: time) }
      return .call(call)
    case .paren(var paren):
      paren.expr = pinned(paren.expr, at: time)
      return .paren(paren)
    }
  }
}
