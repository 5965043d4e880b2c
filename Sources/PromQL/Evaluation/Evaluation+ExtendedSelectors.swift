/// The experimental `anchored` and `smoothed` selector modifiers (Prometheus's extended range
/// selectors): no extrapolation; `anchored` adds the last sample before the window as its left edge,
/// `smoothed` interpolates linearly at both window edges (and at the evaluation time for an instant
/// selector).
extension Evaluation {
  static let anchoredFunctions = ["changes", "delta", "increase", "rate", "resets"]
  static let smoothedFunctions = ["delta", "increase", "rate"]

  /// The anchored or smoothed matrix selector under `expr` (through parentheses), if any.
  static func extendedSelector(_ expr: Expr) -> MatrixSelector? {
    switch expr {
    case .paren(let paren): return extendedSelector(paren.expr)
    case .matrixSelector(let matrix) where matrix.selector.anchored || matrix.selector.smoothed: return matrix
    default: return nil
    }
  }

  /// Rejects a modifier the function cannot use, in Prometheus's words.
  static func checkExtendedModifier(_ matrix: MatrixSelector, function name: String) throws(EvaluationError) {
    let (modifier, allowed) =
      matrix.selector.anchored ? ("anchored", anchoredFunctions) : ("smoothed", smoothedFunctions)
    guard allowed.contains(name) else {
      throw EvaluationError(
        "\(modifier) modifier can only be used with: \(allowed.joined(separator: ", ")) - not with \(name)")
    }
  }

  /// `rate`, `increase`, `delta`, `changes` or `resets` over an anchored or smoothed selector.
  func evaluateExtendedRange(_ name: String, _ matrix: MatrixSelector, at time: Int64) throws(EvaluationError)
    -> [VectorSample]
  {
    let end = try selectorTime(at: matrix.selector.at, offset: matrix.selector.offset, time: time)
    let range = try milliseconds(matrix.range)
    let start = end &- range
    let seconds = Double(range) / 1000
    let isCounter = name != "delta"
    var result: [VectorSample] = []
    let reach = engine.lookbackDelta
    for series in self.series(matrix.selector, from: start &- reach &+ 1, through: end &+ reach) {
      let points = zip(series.timestamps, series.values).filter { !StaleMarker.isStale($0.1) }
      let value: Double?
      if matrix.selector.anchored {
        value = Evaluation.anchored(name, points, start: start, end: end, seconds: seconds)
      } else {
        value = Evaluation.smoothedIncrease(points, start: start, end: end, isCounter: isCounter)
          .map { name == "rate" ? $0 / seconds : $0 }
      }
      guard let value else { continue }
      result.append(droppingName(series.labels, value: value, timestamp: time))
    }
    return result
  }

  /// The samples in `(start, end]` after the last one at or before `start` (if any).
  static func anchored(
    _ name: String, _ points: [(Int64, Double)], start: Int64, end: Int64, seconds: Double
  ) -> Double? {
    let inside = points.filter { $0.0 > start && $0.0 <= end }.map(\.1)
    guard !inside.isEmpty else { return nil }
    let values = (points.last { $0.0 <= start }.map { [$0.1] } ?? []) + inside
    var changes = 0.0
    var resets = 0.0
    var correction = 0.0
    for index in values.indices.dropFirst() {
      let (previous, current) = (values[index - 1], values[index])
      if current != previous && !(current.isNaN && previous.isNaN) { changes += 1 }
      if current < previous {
        resets += 1
        correction += previous
      }
    }
    let delta = (values.last ?? 0) - (values.first ?? 0)
    switch name {
    case "changes": return changes
    case "resets": return resets
    case "delta": return delta
    case "increase": return delta + correction
    default: return (delta + correction) / seconds
    }
  }

  /// The interpolated value at `end` minus the one at `start`; counters are first made monotonic
  /// (each reset adds the value before it), so interpolating across a reset counts from zero.
  /// Nothing when all samples are before the window or all after it.
  static func smoothedIncrease(_ points: [(Int64, Double)], start: Int64, end: Int64, isCounter: Bool)
    -> Double?
  {
    guard points.contains(where: { $0.0 <= end }), points.contains(where: { $0.0 >= start }) else {
      return nil
    }
    var adjusted = points
    if isCounter {
      var offset = 0.0
      for index in points.indices.dropFirst() {
        if points[index].1 < points[index - 1].1 { offset += points[index - 1].1 }
        adjusted[index].1 = points[index].1 + offset
      }
    }
    guard let left = interpolate(adjusted, at: start), let right = interpolate(adjusted, at: end) else {
      return nil
    }
    return right - left
  }

  /// The value at `time`: a sample there, else linear between its neighbours, else the nearest one.
  static func interpolate(_ points: [(Int64, Double)], at time: Int64) -> Double? {
    let next = points.firstIndex { $0.0 >= time }
    guard let next else { return points.last?.1 }
    let (nextTime, nextValue) = points[next]
    if nextTime == time || next == 0 { return nextValue }
    let (previousTime, previousValue) = points[next - 1]
    let fraction = Double(time - previousTime) / Double(nextTime - previousTime)
    return previousValue + (nextValue - previousValue) * fraction
  }

  /// `metric smoothed`: the value at the evaluation time, interpolated from the last sample in the
  /// lookback window and the first one after it.
  func smoothedInstantVector(_ selector: VectorSelector, at time: Int64) throws(EvaluationError)
    -> [VectorSample]
  {
    let end = try selectorTime(at: selector.at, offset: selector.offset, time: time)
    var samples: [VectorSample] = []
    for series in self.series(selector, from: lookbackStart(end), through: end &+ engine.lookbackDelta) {
      let points = zip(series.timestamps, series.values).map { ($0, $1) }
      guard let previous = points.last(where: { $0.0 <= end }), !StaleMarker.isStale(previous.1) else {
        continue
      }
      var value = previous.1
      if previous.0 < end, let next = points.first(where: { $0.0 > end }), !StaleMarker.isStale(next.1) {
        value = previous.1 + (next.1 - previous.1) * Double(end - previous.0) / Double(next.0 - previous.0)
      }
      samples.append(VectorSample(labels: series.labels, value: value, timestamp: end))
    }
    return samples
  }
}
