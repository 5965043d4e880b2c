/// `limit_ratio(r, v)`: a deterministic share of the series, picked by the hash of their labels.
extension Evaluation {
  /// A positive ratio keeps the series whose hash falls in the first `r` of the hash space; a
  /// negative one keeps the complement of `-r`, so `limit_ratio(r, v)` and `limit_ratio(-(1-r), v)`
  /// split `v` in two. Ratios beyond ±1 are clamped (Prometheus warns).
  static func limitRatio(_ ratio: Double, _ samples: [VectorSample]) throws(EvaluationError) -> [VectorSample]
  {
    if ratio.isNaN { throw EvaluationError("Ratio value is NaN") }
    if ratio == 0 { return [] }
    let clamped = min(max(ratio, -1), 1)
    return samples.filter { sample in
      let offset = Double(XXHash64.hash(sample.labels)) / Double(UInt64.max)
      return clamped >= 0 ? offset < clamped : offset >= 1 + clamped
    }
  }
}
