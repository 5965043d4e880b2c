/// Dropping `__name__` now, or (with ``Engine/delayedNameRemoval``) when the query ends.
extension Evaluation {
  /// A result sample whose metric name goes: removed now, or kept and flagged.
  func droppingName(_ labels: Labels, value: Double, timestamp: Int64) -> VectorSample {
    engine.delayedNameRemoval
      ? VectorSample(labels: labels, value: value, timestamp: timestamp, dropName: true)
      : VectorSample(labels: dropMetricName(labels), value: value, timestamp: timestamp)
  }

  /// `labels.droppingMetricName`, memoized over a range query.
  func dropMetricName(_ labels: Labels) -> Labels {
    guard let memo else { return labels.droppingMetricName }
    return memo.labels(LabelMemo.droppingMetricNameTable, labels) { $0.droppingMetricName }
  }

  /// The samples with flagged names removed; two left with the same labels are an error, as in
  /// Prometheus.
  static func removingFlaggedNames(_ samples: [VectorSample]) throws(EvaluationError) -> [VectorSample] {
    guard samples.contains(where: \.dropName) else { return samples }
    var seen = LabelsIndex(capacity: samples.count)
    var result: [VectorSample] = []
    result.reserveCapacity(samples.count)
    for sample in samples {
      let labels = sample.dropName ? sample.labels.droppingMetricName : sample.labels
      guard seen.insert(labels).inserted else {
        throw EvaluationError("vector cannot contain metrics with the same labelset")
      }
      result.append(VectorSample(labels: labels, value: sample.value, timestamp: sample.timestamp))
    }
    return result
  }
}
