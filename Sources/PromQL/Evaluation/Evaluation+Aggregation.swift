import Basics
import Foundation

extension Evaluation {
  func evaluateAggregate(_ aggregate: AggregateExpr, at time: Int64) throws(EvaluationError) -> [VectorSample]
  {
    if let folded = try selectorAggregate(aggregate, at: time) { return folded }
    let samples = try vector(aggregate.expr, at: time)
    var parameter = 0.0
    var label = ""
    if let param = aggregate.param {
      switch try evaluate(param, at: time) {
      case .scalar(let value): parameter = value
      case .string(let value): label = value
      default: throw EvaluationError("aggregation parameter must be a scalar or a string")
      }
    }
    if aggregate.op == .limitRatio { return try Evaluation.limitRatio(parameter, samples) }
    let groupLabels = transformer(
      aggregate.without
        ? .removing(aggregate.grouping + [LabelMatcher.metricNameLabel]) : .keeping(aggregate.grouping))

    switch aggregate.op {
    case .limitk:
      if parameter.isNaN { throw EvaluationError(nanParameterMessage("limitk")) }
      guard parameter >= 1 else { return [] }
      let limit = parameter >= Double(Int.max) ? Int.max : Int(parameter)
      var taken: [Labels: Int] = [:]
      return samples.filter { sample in
        let key = groupLabels(sample.labels)
        taken[key, default: 0] += 1
        return taken[key, default: 0] <= limit
      }
    case .topk, .bottomk:
      if parameter.isNaN { throw EvaluationError(nanParameterMessage(aggregate.op.rawValue)) }
      return selectK(samples, k: parameter, largest: aggregate.op == .topk, group: groupLabels)
    case .countValues:
      guard isValidLabelName(label) else {
        throw EvaluationError("invalid label name \(GoQuote.token(label))")
      }
      var counts: [Labels: Double] = [:]
      var order: [Labels] = []
      for sample in samples {
        let key = groupLabels(sample.labels).setting(label, to: goFormatFloatF(sample.value))
        if counts[key] == nil { order.append(key) }
        counts[key, default: 0] += 1
      }
      return order.map { VectorSample(labels: $0, value: counts[$0] ?? 0, timestamp: time) }
    default:
      break
    }

    // Groups in order of first appearance. Sums, counts and extremes are folded as samples come;
    // the other aggregations need each group's values.
    let op = aggregate.op
    let folds = op == .sum || op == .count || op == .group || op == .min || op == .max
    var groupIndex = LabelsIndex()
    var members: [[Double]] = []
    var totals: [Double] = []
    var compensations: [Double] = []
    var flagged: [Bool] = []
    for sample in samples {
      let key = groupLabels(sample.labels)
      let (index, inserted) = groupIndex.insert(key)
      if inserted {
        if folds {
          totals.append(op == .min || op == .max ? .nan : 0)
          compensations.append(0)
        } else {
          members.append([])
        }
        flagged.append(false)
      }
      if folds {
        Evaluation.fold(op, sample.value, into: &totals[index], &compensations[index])
      } else {
        members[index].append(sample.value)
      }
      if sample.dropName && !flagged[index] && key.metricName != nil { flagged[index] = true }
    }
    var result: [VectorSample] = []
    result.reserveCapacity(groupIndex.count)
    for (index, key) in groupIndex.keys.enumerated() {
      let value: Double
      switch op {
      case .sum: value = totals[index] + compensations[index]
      case .count, .group, .min, .max: value = totals[index]
      case .avg: value = Evaluation.average(members[index])
      case .stddev: value = Evaluation.variance(members[index]).squareRoot()
      case .stdvar: value = Evaluation.variance(members[index])
      case .quantile: value = Evaluation.quantile(parameter, members[index])
      default: throw EvaluationError("\(aggregate.op.rawValue)() is not supported by this evaluator")
      }
      result.append(VectorSample(labels: key, value: value, timestamp: time, dropName: flagged[index]))
    }
    return result
  }

  func selectK(_ samples: [VectorSample], k: Double, largest: Bool, group: LabelTransformer)
    -> [VectorSample]
  {
    guard k >= 1, !k.isNaN else { return [] }
    let limit = k >= Double(Int.max) ? Int.max : Int(k)
    // NaN sorts last either way.
    func better(_ a: Double, _ b: Double) -> Bool {
      if a.isNaN { return false }
      if b.isNaN { return true }
      return largest ? a > b : a < b
    }
    var groups: [Labels: [VectorSample]] = [:]
    var order: [Labels] = []
    for sample in samples {
      let key = group(sample.labels)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(sample)
    }
    var result: [VectorSample] = []
    for key in order {
      let members = (groups[key] ?? []).enumerated().sorted {
        if better($0.element.value, $1.element.value) { return true }
        if better($1.element.value, $0.element.value) { return false }
        return $0.offset < $1.offset
      }
      result += members.prefix(limit).map(\.element)
    }
    return result
  }

  /// Adds `value` to a running `sum` or `count` (which start at 0), `group`, or `min` or `max`
  /// (which start at NaN).
  static func fold(
    _ op: AggregationOp, _ value: Double, into total: inout Double, _ compensation: inout Double
  ) {
    switch op {
    case .sum: (total, compensation) = kahanAdd(value, total, compensation)
    case .count: total += 1
    case .group: total = 1
    case .min: if total.isNaN || value < total { total = value }
    case .max: if total.isNaN || value > total { total = value }
    default: preconditionFailure("\(op.rawValue) is not a folding aggregation")
    }
  }

  /// Sum with Kahan-Babuška compensation, as Prometheus sums.
  static func kahanSum(_ values: some Collection<Double>) -> Double {
    var sum = 0.0
    var compensation = 0.0
    for value in values { (sum, compensation) = kahanAdd(value, sum, compensation) }
    return sum + compensation
  }

  /// The mean as Prometheus computes it: a compensated sum divided by the count, switching to an
  /// incremental mean when the sum would overflow.
  static func average(_ values: some Collection<Double>) -> Double {
    var sum = 0.0
    var compensation = 0.0
    var mean = 0.0
    var meanCompensation = 0.0
    var incremental = false
    var count = 0.0
    for value in values {
      count += 1
      if !incremental {
        let (newSum, newCompensation) = kahanAdd(value, sum, compensation)
        if !newSum.isInfinite || value.isInfinite || sum.isInfinite {
          (sum, compensation) = (newSum, newCompensation)
          continue
        }
        incremental = true
        mean = sum / (count - 1)
        meanCompensation = compensation / (count - 1)
      }
      if mean.isInfinite {
        if value.isInfinite && (mean > 0) == (value > 0) { continue }
        if !value.isInfinite && !value.isNaN { continue }
      }
      let q = (count - 1) / count
      (mean, meanCompensation) = kahanAdd(value / count, q * mean, q * meanCompensation)
    }
    if count == 0 { return .nan }
    return incremental ? mean + meanCompensation : (sum + compensation) / count
  }

  /// One step of Kahan-Babuška (Neumaier) summation.
  static func kahanAdd(_ increment: Double, _ sum: Double, _ compensation: Double) -> (Double, Double) {
    let total = sum + increment
    if total.isInfinite { return (total, 0) }
    if abs(sum) >= abs(increment) { return (total, compensation + ((sum - total) + increment)) }
    return (total, compensation + ((increment - total) + sum))
  }

  /// Population variance (Welford).
  static func variance(_ values: some Collection<Double>) -> Double {
    var count = 0.0
    var mean = 0.0
    var squares = 0.0
    for value in values {
      count += 1
      let delta = value - mean
      mean += delta / count
      squares += delta * (value - mean)
    }
    return count == 0 ? .nan : squares / count
  }

  /// Prometheus's quantile: linear interpolation between the closest ranks.
  static func quantile(_ q: Double, _ values: some Collection<Double>) -> Double {
    if values.isEmpty || q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    // Like Go's sort.Float64Slice: NaN sorts before every number.
    let sorted = values.sorted { $0 < $1 || ($0.isNaN && !$1.isNaN) }
    let rank = q * Double(sorted.count - 1)
    let lower = max(0, Int(rank.rounded(.down)))
    let upper = min(sorted.count - 1, lower + 1)
    let weight = rank - rank.rounded(.down)
    return sorted[lower] * (1 - weight) + sorted[upper] * weight
  }

  /// Prometheus 3 says just "Parameter value is NaN"; 2.x named the aggregation.
  func nanParameterMessage(_ aggregation: String) -> String {
    engine.prometheus2Semantics ? "Parameter value is NaN for \(aggregation)" : "Parameter value is NaN"
  }
}
