import Foundation

extension Evaluation {
  /// A call, through its entry in the function table.
  func evaluateCall(_ call: Call, at time: Int64) throws(EvaluationError) -> Value {
    guard let definition = FunctionDefinition.byName[call.function.name] else {
      throw EvaluationError("function \(call.function.name)() is not supported by this evaluator")
    }
    return try definition.implementation(self, call, time)
  }

  /// `sort` and `sort_desc`: by value, NaN last either way.
  static func sortedByValue(_ samples: [VectorSample], descending: Bool) -> [VectorSample] {
    samples.sorted {
      if $0.value.isNaN { return false }
      if $1.value.isNaN { return true }
      return descending ? $0.value > $1.value : $0.value < $1.value
    }
  }

  /// `sort_by_label` and `sort_by_label_desc`: by the named labels in natural order, then by all
  /// labels.
  func sortedByLabels(_ call: Call, at time: Int64, descending: Bool) throws(EvaluationError)
    -> [VectorSample]
  {
    var names: [String] = []
    for arg in call.args.dropFirst() { names.append(try stringArgument(arg, at: time)) }
    return try vector(call.args[0], at: time).sorted { a, b in
      for label in names {
        let (left, right) = (a.labels[label] ?? "", b.labels[label] ?? "")
        if left == right { continue }
        return Evaluation.naturalPrecedes(left, right) != descending
      }
      return Labels.precedes(a.labels, b.labels) != descending
    }
  }

  /// Labels for `absent()`: the selector's equality matchers (a name matched twice is dropped).
  static func absentLabels(_ expr: Expr) -> Labels {
    var matchers: [LabelMatcher] = []
    switch expr {
    case .vectorSelector(let selector): matchers = selector.matchers
    case .matrixSelector(let matrix): matchers = matrix.selector.matchers
    default: return .empty
    }
    var values: [String: String] = [:]
    var seen: Set<String> = []
    var repeated: Set<String> = []
    for matcher in matchers where matcher.name != LabelMatcher.metricNameLabel {
      if !seen.insert(matcher.name).inserted { repeated.insert(matcher.name) }
      if matcher.type == .equal { values[matcher.name] = matcher.value }
    }
    for name in repeated { values[name] = nil }
    return Labels(values)
  }

  // MARK: - Functions over range vectors

  /// A range function of `call` at `time`: its window argument read (anchored and smoothed
  /// selectors take their own path), then `function` applied to each series' window.
  func evaluateRangeFunction(_ call: Call, at time: Int64, _ function: RangeFunction) throws(EvaluationError)
    -> [VectorSample]
  {
    let name = call.function.name
    let matrixIndex = call.function.argumentTypes.firstIndex(of: .matrix) ?? 0
    if let matrix = Evaluation.extendedSelector(call.args[matrixIndex]) {
      try Evaluation.checkExtendedModifier(matrix, function: name)
      return try evaluateExtendedRange(name, matrix, at: time)
    }
    let (series, start, end, seconds) = try window(call.args[matrixIndex], at: time)
    guard let operation = function.operation else {
      // absent_over_time
      if !series.isEmpty { return [] }
      return [VectorSample(labels: Evaluation.absentLabels(call.args[0]), value: 1, timestamp: time)]
    }
    let parameters = try function.parameters?(self, call, time) ?? (0, 0)
    // Over a range query, windows that are views into a node's selection are folded on from
    // step to step.
    let running = memo != nil ? selections : nil
    var result: [VectorSample] = []
    for entry in series {
      let window = RangeFunction.Window(
        times: entry.timestamps, values: entry.values, start: start, end: end, seconds: seconds, time: time,
        parameters: parameters, prometheus2: engine.prometheus2Semantics, selections: running,
        origin: entry.origin)
      guard let value = operation(window) else { continue }
      result.append(
        function.keepsName
          ? VectorSample(labels: entry.labels, value: value, timestamp: time)
          : droppingName(entry.labels, value: value, timestamp: time))
    }
    return result
  }

  /// `rate`, `increase` and `delta` with Prometheus's extrapolation to the window's edges.
  static func extrapolatedRate(
    _ times: ArraySlice<Int64>, _ values: ArraySlice<Double>, start: Int64, end: Int64, isCounter: Bool,
    rangeSeconds: Double?,
    prometheus2: Bool = false
  ) -> Double? {
    guard times.count >= 2, let firstTime = times.first, let lastTime = times.last,
      let firstValue = values.first, let lastValue = values.last
    else { return nil }
    var result = lastValue - firstValue
    if isCounter {
      for index in values.indices.dropFirst() where values[index] < values[index - 1] {
        result += values[index - 1]
      }
    }
    var durationToStart = (Double(firstTime) - Double(start)) / 1000
    var durationToEnd = (Double(end) - Double(lastTime)) / 1000
    let sampledInterval = (Double(lastTime) - Double(firstTime)) / 1000
    let averageInterval = sampledInterval / Double(times.count - 1)
    let threshold = averageInterval * 1.1
    let zeroPoint = isCounter && result > 0 && firstValue >= 0 ? sampledInterval * (firstValue / result) : nil
    // Prometheus 3 applies the threshold first and then caps at the zero point; 2.x the reverse.
    if prometheus2, let zeroPoint { durationToStart = min(durationToStart, zeroPoint) }
    if durationToStart >= threshold { durationToStart = averageInterval / 2 }
    if !prometheus2, let zeroPoint { durationToStart = min(durationToStart, zeroPoint) }
    if durationToEnd >= threshold { durationToEnd = averageInterval / 2 }
    var factor =
      sampledInterval != 0 ? (sampledInterval + durationToStart + durationToEnd) / sampledInterval : 1
    if let rangeSeconds { factor /= rangeSeconds }
    return result * factor
  }

  /// Holt's linear smoothing, returning the last smoothed value; nil for fewer than two samples.
  static func doubleExponentialSmoothing(_ values: ArraySlice<Double>, smoothing: Double, trend: Double)
    -> Double?
  {
    guard values.count >= 2 else { return nil }
    let first = values.startIndex
    var previous = 0.0
    var smoothed = values[first]
    var slope = values[first + 1] - values[first]
    for index in (first + 1)..<values.endIndex {
      if index > first + 1 { slope = trend * (smoothed - previous) + (1 - trend) * slope }
      let next = smoothing * values[index] + (1 - smoothing) * (smoothed + slope)
      (previous, smoothed) = (smoothed, next)
    }
    return smoothed
  }

  /// Natural order: runs of digits compare by number, everything else by bytes.
  static func naturalPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8)
    let b = Array(rhs.utf8)
    var i = 0
    var j = 0
    while i < a.count, j < b.count {
      if isDigit(a[i]), isDigit(b[j]) {
        var endA = i
        while endA < a.count, isDigit(a[endA]) { endA += 1 }
        var endB = j
        while endB < b.count, isDigit(b[endB]) { endB += 1 }
        let digitsA = a[i..<endA].drop { $0 == UInt8(ascii: "0") }
        let digitsB = b[j..<endB].drop { $0 == UInt8(ascii: "0") }
        if digitsA.count != digitsB.count { return digitsA.count < digitsB.count }
        if !digitsA.elementsEqual(digitsB) { return digitsA.lexicographicallyPrecedes(digitsB) }
        i = endA
        j = endB
        continue
      }
      if a[i] != b[j] { return a[i] < b[j] }
      i += 1
      j += 1
    }
    return a.count - i < b.count - j
  }

  /// `irate` / `idelta` from the last two samples.
  static func instantRate(_ times: ArraySlice<Int64>, _ values: ArraySlice<Double>, isRate: Bool) -> Double? {
    guard times.count >= 2 else { return nil }
    let last = values[values.endIndex - 1]
    let previous = values[values.endIndex - 2]
    let interval = Double(times[times.endIndex - 1]) - Double(times[times.endIndex - 2])
    guard interval != 0 else { return nil }
    var result = last - previous
    if isRate, last < previous { result = last }
    return isRate ? result / (interval / 1000) : result
  }

  /// Least-squares slope (per second) and the value the line has at `interceptTime`, with
  /// Prometheus's compensated sums: a constant series has slope exactly 0 (NaN when it is
  /// infinite), and a flat stretch answers 0, not a rounding residue.
  static func linearRegression(_ times: ArraySlice<Int64>, _ values: ArraySlice<Double>, interceptTime: Int64)
    -> (Double, Double)
  {
    let firstValue = values[values.startIndex]
    var n = 0.0
    var (sumX, cX) = (0.0, 0.0)
    var (sumY, cY) = (0.0, 0.0)
    var (sumXY, cXY) = (0.0, 0.0)
    var (sumX2, cX2) = (0.0, 0.0)
    var constY = true
    for (time, value) in zip(times, values) {
      if value != firstValue { constY = false }
      let x = Double(time &- interceptTime) / 1000
      n += 1
      (sumX, cX) = kahanAdd(x, sumX, cX)
      (sumY, cY) = kahanAdd(value, sumY, cY)
      (sumXY, cXY) = kahanAdd(x * value, sumXY, cXY)
      (sumX2, cX2) = kahanAdd(x * x, sumX2, cX2)
    }
    if constY { return firstValue.isInfinite ? (.nan, .nan) : (0, firstValue) }
    sumX += cX
    sumY += cY
    sumXY += cXY
    sumX2 += cX2
    let covariance = sumXY - sumX * sumY / n
    let variance = sumX2 - sumX * sumX / n
    let slope = covariance / variance
    return (slope, sumY / n - slope * sumX / n)
  }

  /// Population variance of a range, as `stdvar_over_time` computes it: Welford's update with
  /// the mean and the sum of squares each Kahan-compensated.
  static func varianceOverTime(_ values: ArraySlice<Double>) -> Double {
    var count = 0.0
    var (mean, cMean) = (0.0, 0.0)
    var (aux, cAux) = (0.0, 0.0)
    for value in values {
      count += 1
      let delta = value - (mean + cMean)
      (mean, cMean) = kahanAdd(delta / count, mean, cMean)
      (aux, cAux) = kahanAdd(delta * (value - (mean + cMean)), aux, cAux)
    }
    return (aux + cAux) / count
  }
}

extension Evaluation {
  /// The sample with `transform` applied to its value and the metric name dropped.
  func mapped(_ sample: VectorSample, _ transform: (Double) -> Double) -> VectorSample {
    droppingName(sample.labels, value: transform(sample.value), timestamp: sample.timestamp)
  }
}
