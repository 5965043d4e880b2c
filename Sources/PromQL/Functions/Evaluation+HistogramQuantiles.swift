import Basics

/// `histogram_quantiles(buckets, "label", q1, q2, ...)` over classic `le` buckets: one series per
/// quantile, the quantile written into the label.
extension Evaluation {
  func histogramQuantiles(_ args: [Expr], at time: Int64) throws(EvaluationError) -> [VectorSample] {
    let samples = try vector(args[0], at: time)
    guard case .string(let label) = try evaluate(args[1], at: time) else {
      throw EvaluationError("histogram_quantiles needs a label name as its second argument")
    }
    guard isValidLabelName(label) else { throw EvaluationError("invalid label name \(GoQuote.token(label))") }
    var result: [VectorSample] = []
    for arg in args.dropFirst(2) {
      let q = try scalar(arg, at: time)
      let text = PrometheusFloatText.openMetrics(q)
      for sample in try histogramQuantile(q, samples, time) {
        result.append(
          VectorSample(
            labels: sample.labels.setting(label, to: text), value: sample.value, timestamp: time,
            dropName: sample.dropName))
      }
    }
    return result
  }
}
