/// The range functions' window arithmetic that takes more than a line, and the scalar arguments
/// some of them read; the table (`FunctionDefinition+Table.swift`) names them beside their
/// signatures.
extension FunctionDefinition {
  /// `rate`, `increase` and `delta`: Prometheus's extrapolation to the window's edges.
  static func extrapolated(isCounter: Bool, isRate: Bool) -> RangeFunction.Operation {
    { w in
      Evaluation.extrapolatedRate(
        w.times, w.values, start: w.start, end: w.end, isCounter: isCounter,
        rangeSeconds: isRate ? w.seconds : nil, prometheus2: w.prometheus2)
    }
  }

  /// `deriv` anchors x at the first sample, keeping x small (prometheus/prometheus#2674).
  static let deriv: RangeFunction.Operation = { w in
    guard w.times.count >= 2 else { return nil }
    return Evaluation.linearRegression(w.times, w.values, interceptTime: w.times[w.times.startIndex]).0
  }

  /// `predict_linear` needs the line's value at the evaluation time.
  static let predictLinear: RangeFunction.Operation = { w in
    guard w.times.count >= 2 else { return nil }
    let (slope, intercept) = Evaluation.linearRegression(w.times, w.values, interceptTime: w.time)
    return slope * w.parameters.0 + intercept
  }

  /// `changes` (`resets: false`) or `resets`: how often the value changed, or dropped.
  static func changes(resets: Bool) -> RangeFunction.Operation {
    { w in
      var count = 0.0
      for index in w.values.indices.dropFirst() {
        let previous = w.values[index - 1]
        let current = w.values[index]
        if resets ? current < previous : (current != previous && !(current.isNaN && previous.isNaN)) {
          count += 1
        }
      }
      return count
    }
  }

  /// `mad_over_time`: a NaN sample makes the median, and so the deviation, undefined.
  static let medianAbsoluteDeviation: RangeFunction.Operation = { w in
    if w.values.contains(where: \.isNaN) { return .nan }
    let median = Evaluation.quantile(0.5, w.values)
    return Evaluation.quantile(0.5, w.values.map { abs($0 - median) })
  }

  /// `ts_of_max_over_time` or `ts_of_min_over_time`: the time of the last extreme sample.
  static func timeOfExtreme(max: Bool) -> RangeFunction.Operation {
    { w in
      var best = w.values[w.values.startIndex]
      var bestTime = w.times[w.times.startIndex]
      for (sampleTime, sample) in zip(w.times, w.values)
      where best.isNaN || (max ? sample >= best : sample <= best) {
        best = sample
        bestTime = sampleTime
      }
      return Double(bestTime) / 1000
    }
  }

  /// `double_exponential_smoothing` (and Prometheus 2's `holt_winters`).
  static let doubleExponentialSmoothing: RangeFunction.Operation = { w in
    Evaluation.doubleExponentialSmoothing(w.values, smoothing: w.parameters.0, trend: w.parameters.1)
  }

  /// The scalar argument at `index` (`quantile_over_time`'s φ, `predict_linear`'s horizon).
  static func scalarArgument(_ index: Int) -> RangeFunction.Parameters {
    { evaluation, call, time throws(EvaluationError) in (try evaluation.scalar(call.args[index], at: time), 0)
    }
  }

  /// The smoothing and trend factors, each strictly between 0 and 1.
  static let smoothingFactors: RangeFunction.Parameters = { evaluation, call, time throws(EvaluationError) in
    let smoothing = try evaluation.scalar(call.args[1], at: time)
    let trend = try evaluation.scalar(call.args[2], at: time)
    guard smoothing > 0, smoothing < 1 else {
      throw EvaluationError(
        "invalid smoothing factor. Expected: 0 < sf < 1, got: \(goFormatFixed6(smoothing))")
    }
    guard trend > 0, trend < 1 else {
      throw EvaluationError("invalid trend factor. Expected: 0 < tf < 1, got: \(goFormatFixed6(trend))")
    }
    return (smoothing, trend)
  }
}
