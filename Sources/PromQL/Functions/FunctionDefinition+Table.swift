import Foundation

/// The function table: every function of Prometheus 3 (current main) with its implementation.
/// A range function's entry holds its window arithmetic (``RangeFunction``); the longer ones
/// are in `FunctionDefinition+RangeFunctions.swift`.
extension FunctionDefinition {
  typealias F = FunctionDefinition

  /// `holt_winters`, the Prometheus 2 name of `double_exponential_smoothing` (removed in 3.0).
  static let holtWinters = F(
    "holt_winters", [.matrix, .scalar, .scalar], .vector,
    overTime(parameters: smoothingFactors, doubleExponentialSmoothing))

  static let prometheus3: [FunctionDefinition] = [
    F("abs", [.vector], .vector, math { abs($0) }),
    F("absent", [.vector], .vector) { e, call, time throws(EvaluationError) in
      if !(try e.vector(call.args[0], at: time)).isEmpty { return .vector([]) }
      return .vector([VectorSample(labels: Evaluation.absentLabels(call.args[0]), value: 1, timestamp: time)])
    },
    F("absent_over_time", [.matrix], .vector, overTime(nil)),
    F("acos", [.vector], .vector, math { acos($0) }),
    F("acosh", [.vector], .vector, math { acosh($0) }),
    F("asin", [.vector], .vector, math { asin($0) }),
    F("asinh", [.vector], .vector, math { asinh($0) }),
    F("atan", [.vector], .vector, math { atan($0) }),
    F("atanh", [.vector], .vector, math { atanh($0) }),
    F("avg_over_time", [.matrix], .vector, overTime { Evaluation.average($0.values) }),
    F("ceil", [.vector], .vector, math { ceil($0) }),
    F("changes", [.matrix], .vector, overTime(changes(resets: false))),
    F("clamp", [.vector, .scalar, .scalar], .vector) { e, call, time throws(EvaluationError) in
      let (low, high) = (try e.scalar(call.args[1], at: time), try e.scalar(call.args[2], at: time))
      if high < low { return .vector([]) }
      return .vector(
        try e.vector(call.args[0], at: time).map {
          e.mapped($0) { Evaluation.goMax(low, Evaluation.goMin(high, $0)) }
        })
    },
    F("clamp_max", [.vector, .scalar], .vector) { e, call, time throws(EvaluationError) in
      let high = try e.scalar(call.args[1], at: time)
      return .vector(try e.vector(call.args[0], at: time).map { e.mapped($0) { Evaluation.goMin(high, $0) } })
    },
    F("clamp_min", [.vector, .scalar], .vector) { e, call, time throws(EvaluationError) in
      let low = try e.scalar(call.args[1], at: time)
      return .vector(try e.vector(call.args[0], at: time).map { e.mapped($0) { Evaluation.goMax(low, $0) } })
    },
    F("cos", [.vector], .vector, math { cos($0) }),
    F("cosh", [.vector], .vector, math { cosh($0) }),
    F("count_over_time", [.matrix], .vector, overTime { Double($0.values.count) }),
    F("days_in_month", [.vector], .vector, variadic: 1, date("days_in_month")),
    F("day_of_month", [.vector], .vector, variadic: 1, date("day_of_month")),
    F("day_of_week", [.vector], .vector, variadic: 1, date("day_of_week")),
    F("day_of_year", [.vector], .vector, variadic: 1, date("day_of_year")),
    F("deg", [.vector], .vector, math { $0 * 180 / Double.pi }),
    F("delta", [.matrix], .vector, overTime(extrapolated(isCounter: false, isRate: false))),
    F("deriv", [.matrix], .vector, overTime(deriv)),
    F(
      "double_exponential_smoothing", [.matrix, .scalar, .scalar], .vector, experimental: true,
      overTime(parameters: smoothingFactors, doubleExponentialSmoothing)),
    F("end", [], .scalar, experimental: true) { e, _, _ in .scalar(Double(e.queryEnd) / 1000) },
    F("exp", [.vector], .vector, math { exp($0) }),
    F("first_over_time", [.matrix], .vector, overTime(keepsName: true) { $0.values.first }),
    F("floor", [.vector], .vector, math { floor($0) }),
    F("histogram_avg", [.vector], .vector, nativeHistogramsOnly: true, unsupported),
    F("histogram_count", [.vector], .vector, nativeHistogramsOnly: true, unsupported),
    F("histogram_fraction", [.scalar, .scalar, .vector], .vector, nativeHistogramsOnly: true) {
      e, call, time throws(EvaluationError) in
      let lower = try e.scalar(call.args[0], at: time)
      let upper = try e.scalar(call.args[1], at: time)
      return .vector(e.histogramFraction(lower, upper, try e.vector(call.args[2], at: time), time))
    },
    F("histogram_quantile", [.scalar, .vector], .vector) { e, call, time throws(EvaluationError) in
      .vector(
        try e.histogramQuantile(
          try e.scalar(call.args[0], at: time), try e.vector(call.args[1], at: time), time))
    },
    F(
      "histogram_quantiles", [.vector, .string, .scalar, .scalar], .vector, variadic: 9, experimental: true,
      nativeHistogramsOnly: true
    ) { e, call, time throws(EvaluationError) in .vector(try e.histogramQuantiles(call.args, at: time)) },
    F("histogram_stddev", [.vector], .vector, nativeHistogramsOnly: true, unsupported),
    F("histogram_stdvar", [.vector], .vector, nativeHistogramsOnly: true, unsupported),
    F("histogram_sum", [.vector], .vector, nativeHistogramsOnly: true, unsupported),
    F("hour", [.vector], .vector, variadic: 1, date("hour")),
    F("idelta", [.matrix], .vector, overTime { Evaluation.instantRate($0.times, $0.values, isRate: false) }),
    F("increase", [.matrix], .vector, overTime(extrapolated(isCounter: true, isRate: false))),
    F("info", [.vector, .vector], .vector, variadic: 1, experimental: true) {
      e, call, time throws(EvaluationError) in
      .vector(try e.evaluateInfo(call, at: time))
    },
    F("irate", [.matrix], .vector, overTime { Evaluation.instantRate($0.times, $0.values, isRate: true) }),
    F("label_join", [.vector, .string, .string, .string], .vector, variadic: -1) {
      e, call, time throws(EvaluationError) in .vector(try e.labelJoin(call.args, at: time))
    },
    F("label_replace", [.vector, .string, .string, .string, .string], .vector) {
      e, call, time throws(EvaluationError) in .vector(try e.labelReplace(call.args, at: time))
    },
    F("last_over_time", [.matrix], .vector, overTime(keepsName: true) { $0.values.last }),
    F("ln", [.vector], .vector, math { log($0) }),
    F("log10", [.vector], .vector, math { log10($0) }),
    F("log2", [.vector], .vector, math { log2($0) }),
    F("mad_over_time", [.matrix], .vector, experimental: true, overTime(medianAbsoluteDeviation)),
    F("max_of", [.scalar, .scalar], .scalar, experimental: true) { e, call, time throws(EvaluationError) in
      .scalar(Evaluation.goMax(try e.scalar(call.args[0], at: time), try e.scalar(call.args[1], at: time)))
    },
    F(
      "max_over_time", [.matrix], .vector,
      overTime { $0.runningFold(.max) ?? $0.values.reduce(Double.nan) { $0.isNaN || $1 > $0 ? $1 : $0 } }),
    F("min_of", [.scalar, .scalar], .scalar, experimental: true) { e, call, time throws(EvaluationError) in
      .scalar(Evaluation.goMin(try e.scalar(call.args[0], at: time), try e.scalar(call.args[1], at: time)))
    },
    F(
      "min_over_time", [.matrix], .vector,
      overTime { $0.runningFold(.min) ?? $0.values.reduce(Double.nan) { $0.isNaN || $1 < $0 ? $1 : $0 } }),
    F("minute", [.vector], .vector, variadic: 1, date("minute")),
    F("month", [.vector], .vector, variadic: 1, date("month")),
    F("pi", [], .scalar) { _, _, _ in .scalar(Double.pi) },
    F("predict_linear", [.matrix, .scalar], .vector, overTime(parameters: scalarArgument(1), predictLinear)),
    F("present_over_time", [.matrix], .vector, overTime { _ in 1 }),
    F(
      "quantile_over_time", [.scalar, .matrix], .vector,
      overTime(parameters: scalarArgument(0)) { Evaluation.quantile($0.parameters.0, $0.values) }),
    F("rad", [.vector], .vector, math { $0 * Double.pi / 180 }),
    F("range", [], .scalar, experimental: true) { e, _, _ in
      .scalar((Double(e.queryEnd) - Double(e.queryStart)) / 1000)
    },
    F("rate", [.matrix], .vector, overTime(extrapolated(isCounter: true, isRate: true))),
    F("resets", [.matrix], .vector, overTime(changes(resets: true))),
    F("round", [.vector, .scalar], .vector, variadic: 1) { e, call, time throws(EvaluationError) in
      let nearest = call.args.count > 1 ? try e.scalar(call.args[1], at: time) : 1
      let inverse = 1 / nearest
      return .vector(
        try e.vector(call.args[0], at: time).map { e.mapped($0) { floor($0 * inverse + 0.5) / inverse } })
    },
    F("scalar", [.vector], .scalar) { e, call, time throws(EvaluationError) in
      let samples = try e.vector(call.args[0], at: time)
      return .scalar(samples.count == 1 ? samples[0].value : .nan)
    },
    F("sgn", [.vector], .vector, math { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }),
    F("sin", [.vector], .vector, math { sin($0) }),
    F("sinh", [.vector], .vector, math { sinh($0) }),
    F("sort", [.vector], .vector) { e, call, time throws(EvaluationError) in
      .vector(Evaluation.sortedByValue(try e.vector(call.args[0], at: time), descending: false))
    },
    F("sort_by_label", [.vector, .string], .vector, variadic: -1, experimental: true) {
      e, call, time throws(EvaluationError) in
      .vector(try e.sortedByLabels(call, at: time, descending: false))
    },
    F("sort_by_label_desc", [.vector, .string], .vector, variadic: -1, experimental: true) {
      e, call, time throws(EvaluationError) in .vector(try e.sortedByLabels(call, at: time, descending: true))
    },
    F("sort_desc", [.vector], .vector) { e, call, time throws(EvaluationError) in
      .vector(Evaluation.sortedByValue(try e.vector(call.args[0], at: time), descending: true))
    },
    F("sqrt", [.vector], .vector, math { $0.squareRoot() }),
    F("start", [], .scalar, experimental: true) { e, _, _ in .scalar(Double(e.queryStart) / 1000) },
    F("start_timestamp", [.vector], .vector, experimental: true, unsupported),
    F(
      "stddev_over_time", [.matrix], .vector, overTime { Evaluation.varianceOverTime($0.values).squareRoot() }
    ),
    F("stdvar_over_time", [.matrix], .vector, overTime { Evaluation.varianceOverTime($0.values) }),
    F("step", [], .scalar, experimental: true) { e, _, _ in .scalar(Double(e.step) / 1000) },
    F(
      "sum_over_time", [.matrix], .vector, overTime { $0.runningFold(.sum) ?? Evaluation.kahanSum($0.values) }
    ),
    F("tan", [.vector], .vector, math { tan($0) }),
    F("tanh", [.vector], .vector, math { tanh($0) }),
    F("time", [], .scalar) { _, _, time in .scalar(Double(time) / 1000) },
    F("timestamp", [.vector], .vector) { e, call, time throws(EvaluationError) in
      var argument = call.args[0]
      while case .paren(let paren) = argument { argument = paren.expr }
      // A selector's samples keep their own times; anything else is stamped with the step's.
      let fromSelector = { if case .vectorSelector = argument { return true } else { return false } }()
      return .vector(
        try e.vector(argument, at: time).map {
          e.droppingName($0.labels, value: Double(fromSelector ? $0.timestamp : time) / 1000, timestamp: time)
        })
    },
    F(
      "ts_of_first_over_time", [.matrix], .vector, experimental: true,
      overTime { $0.times.first.map { Double($0) / 1000 } }),
    F(
      "ts_of_last_over_time", [.matrix], .vector, experimental: true,
      overTime { $0.times.last.map { Double($0) / 1000 } }),
    F("ts_of_max_over_time", [.matrix], .vector, experimental: true, overTime(timeOfExtreme(max: true))),
    F("ts_of_min_over_time", [.matrix], .vector, experimental: true, overTime(timeOfExtreme(max: false))),
    F("vector", [.scalar], .vector) { e, call, time throws(EvaluationError) in
      .vector([VectorSample(labels: .empty, value: try e.scalar(call.args[0], at: time), timestamp: time)])
    },
    F("year", [.vector], .vector, variadic: 1, date("year")),
  ]
}
