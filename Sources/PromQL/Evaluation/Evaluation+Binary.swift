import Foundation

extension Evaluation {
  func evaluateBinary(_ binary: BinaryExpr, at time: Int64) throws(EvaluationError) -> Value {
    let lhs = try evaluate(binary.lhs, at: time)
    let rhs = try evaluate(binary.rhs, at: time)
    switch (lhs, rhs) {
    case (.scalar(let left), .scalar(let right)):
      let (value, keep) = Evaluation.apply(binary.op, left, right)
      return .scalar(binary.op.isComparison ? (keep ? 1 : 0) : value)
    case (.vector(let samples), .scalar(let right)):
      return .vector(vectorScalar(binary, samples, right, scalarOnLeft: false))
    case (.scalar(let left), .vector(let samples)):
      return .vector(vectorScalar(binary, samples, left, scalarOnLeft: true))
    case (.vector(let left), .vector(let right)):
      let matching = binary.matching ?? VectorMatching()
      if binary.op.isSetOperator { return .vector(setOperation(binary.op, left, right, matching)) }
      return .vector(try vectorVector(binary, left, right, matching))
    default:
      throw EvaluationError("binary expression must contain only scalar and instant vector types")
    }
  }

  /// One operation on two floats: the arithmetic result, or for comparisons the left value and
  /// whether the comparison holds.
  static func apply(_ op: BinaryOp, _ left: Double, _ right: Double) -> (value: Double, keep: Bool) {
    switch op {
    case .add: return (left + right, true)
    case .sub: return (left - right, true)
    case .mul: return (left * right, true)
    case .div: return (left / right, true)
    case .mod: return (fmod(left, right), true)
    case .pow: return (pow(left, right), true)
    case .atan2: return (atan2(left, right), true)
    case .eql: return (left, left == right)
    case .neq: return (left, left != right)
    case .gtr: return (left, left > right)
    case .lss: return (left, left < right)
    case .gte: return (left, left >= right)
    case .lte: return (left, left <= right)
    case .trimUpper, .trimLower, .and, .or, .unless: return (left, true)
    }
  }

  /// Arithmetic drops the metric name; filtering comparisons keep it (and Prometheus 2 kept it
  /// for `atan2`).
  func dropsMetricName(_ op: BinaryOp) -> Bool {
    switch op {
    case .add, .sub, .mul, .div, .mod, .pow: return true
    case .atan2: return !engine.prometheus2Semantics
    default: return false
    }
  }

  func vectorScalar(_ binary: BinaryExpr, _ samples: [VectorSample], _ scalar: Double, scalarOnLeft: Bool)
    -> [VectorSample]
  {
    var result: [VectorSample] = []
    result.reserveCapacity(samples.count)
    for sample in samples {
      let (left, right) = scalarOnLeft ? (scalar, sample.value) : (sample.value, scalar)
      var (value, keep) = Evaluation.apply(binary.op, left, right)
      // A comparison always yields the vector's value, even with the scalar on the left.
      if binary.op.isComparison { value = sample.value }
      if binary.returnBool {
        value = keep ? 1 : 0
      } else if !keep {
        continue
      }
      if dropsMetricName(binary.op) || binary.returnBool {
        result.append(droppingName(sample.labels, value: value, timestamp: sample.timestamp))
      } else {
        result.append(
          VectorSample(
            labels: sample.labels, value: value, timestamp: sample.timestamp, dropName: sample.dropName))
      }
    }
    return result
  }

  /// The labels two samples are matched on. Set operators also ignore the `__type__`/`__unit__`
  /// metadata labels; arithmetic and comparisons only ignore `__name__` (as Prometheus does).
  func signature(_ matching: VectorMatching, setOperator: Bool = false) -> LabelTransformer {
    if matching.on { return transformer(.keeping(matching.matchingLabels)) }
    let ignored = setOperator ? Labels.metadataNames.sorted() : [LabelMatcher.metricNameLabel]
    return transformer(.removing(matching.matchingLabels + ignored))
  }

  func setOperation(_ op: BinaryOp, _ lhs: [VectorSample], _ rhs: [VectorSample], _ matching: VectorMatching)
    -> [VectorSample]
  {
    let signature = signature(matching, setOperator: true)
    func keys(_ samples: [VectorSample]) -> LabelsIndex {
      var index = LabelsIndex(capacity: samples.count)
      for sample in samples { _ = index.insert(signature(sample.labels)) }
      return index
    }
    switch op {
    case .and:
      let right = keys(rhs)
      return lhs.filter { right.position(of: signature($0.labels)) != nil }
    case .unless:
      let right = keys(rhs)
      return lhs.filter { right.position(of: signature($0.labels)) == nil }
    default:
      let left = keys(lhs)
      return lhs + rhs.filter { left.position(of: signature($0.labels)) == nil }
    }
  }

  func vectorVector(
    _ binary: BinaryExpr, _ lhs: [VectorSample], _ rhs: [VectorSample], _ matching: VectorMatching
  ) throws(EvaluationError) -> [VectorSample] {
    // With `group_right` the right side is the "many" side; values are swapped back below.
    // Like Prometheus, `fill_right` fills the "one" side and `fill_left` the "many" side.
    let swapped = matching.cardinality == .oneToMany
    let (many, one) = swapped ? (rhs, lhs) : (lhs, rhs)
    let signature = signature(matching)
    let manyLabels = transformer(
      .binaryResult(
        dropName: dropsMetricName(binary.op) && !engine.delayedNameRemoval,
        oneToOne: matching.cardinality == .oneToOne, on: matching.on, names: matching.matchingLabels))
    var oneKeys = LabelsIndex(capacity: one.count)
    var oneSide: [VectorSample] = []
    oneSide.reserveCapacity(one.count)
    for sample in one {
      let key = signature(sample.labels)
      let (position, inserted) = oneKeys.insert(key)
      if !inserted {
        let existing = oneSide[position]
        let side = swapped ? "left" : "right"
        throw EvaluationError(
          "found duplicate series for the match group \(key) on the \(side) hand-side of the operation: "
            + "[\(existing.labels), \(sample.labels)];many-to-many matching not allowed: matching labels "
            + "must be unique on one side")
      }
      oneSide.append(sample)
    }
    // The match groups seen, and for group_left/group_right the result label sets in each.
    var matched = LabelsIndex(capacity: many.count)
    var matchedLabels: [LabelsIndex] = []
    var result: [VectorSample] = []

    func combine(_ sample: VectorSample, _ partner: VectorSample, _ key: Labels) throws(EvaluationError) {
      let (left, right) = swapped ? (partner.value, sample.value) : (sample.value, partner.value)
      var (value, keep) = Evaluation.apply(binary.op, left, right)
      if binary.returnBool { value = keep ? 1 : 0 }
      var labels = manyLabels(sample.labels)
      for name in matching.include {
        labels = labels.setting(name, to: partner.labels[name] ?? "")
      }
      let delayed = engine.delayedNameRemoval
      if binary.returnBool && !delayed { labels = labels.droppingMetricName }
      let dropName = delayed && (dropsMetricName(binary.op) || binary.returnBool || sample.dropName)
      let (group, newGroup) = matched.insert(key)
      if matching.cardinality == .oneToOne {
        if !newGroup {
          throw EvaluationError(
            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
        }
      } else {
        if newGroup { matchedLabels.append(LabelsIndex()) }
        if !matchedLabels[group].insert(labels).inserted {
          throw EvaluationError("multiple matches for labels: grouping labels must ensure unique matches")
        }
      }
      // Filtered-out pairs still count as matches above, so ambiguous matching is always an error.
      if !keep && !binary.returnBool { return }
      result.append(
        VectorSample(labels: labels, value: value, timestamp: sample.timestamp, dropName: dropName))
    }

    /// A stand-in sample for a missing partner: the matching labels of `sample` and the fill value.
    func filler(for sample: VectorSample, _ value: Double) -> VectorSample {
      VectorSample(labels: signature(sample.labels), value: value, timestamp: sample.timestamp)
    }

    for sample in many {
      let key = signature(sample.labels)
      if let position = oneKeys.position(of: key) {
        try combine(sample, oneSide[position], key)
      } else if let fill = matching.fillRight {
        try combine(sample, filler(for: sample, fill), key)
      }
    }
    if let fill = matching.fillLeft {
      for sample in one {
        let key = signature(sample.labels)
        if matched.position(of: key) != nil { continue }
        try combine(filler(for: sample, fill), sample, key)
      }
    }
    return result
  }
}
