/// `histogram_fraction(lower, upper, buckets)` over classic `le` buckets.
extension Evaluation {
  func histogramFraction(_ lower: Double, _ upper: Double, _ samples: [VectorSample], _ time: Int64)
    -> [VectorSample]
  {
    Evaluation.bucketGroups(samples).map { key, buckets in
      droppingName(key, value: Evaluation.bucketFraction(lower, upper, buckets), timestamp: time)
    }
  }

  /// The share of observations in `[lower, upper]`, interpolating linearly inside finite buckets. A
  /// bucket of infinite width counts whole when the range reaches its infinite end, else not at all.
  /// The first bucket starts at 0 when its upper bound is positive (else at -Inf).
  static func bucketFraction(_ lower: Double, _ upper: Double, _ input: [(upper: Double, count: Double)])
    -> Double
  {
    if lower.isNaN || upper.isNaN { return .nan }
    var buckets: [(upper: Double, count: Double)] = []
    for bucket in input.sorted(by: { $0.upper < $1.upper }) {
      if let last = buckets.last, last.upper == bucket.upper {
        buckets[buckets.count - 1].count += bucket.count
      } else {
        buckets.append(bucket)
      }
    }
    guard let total = buckets.last, total.upper == .infinity else { return .nan }
    var captured = 0.0
    var previousUpper: Double?
    var previousCount = 0.0
    for bucket in buckets {
      let bucketLower = previousUpper ?? (bucket.upper > 0 ? 0 : -.infinity)
      let count = bucket.count - previousCount
      defer {
        previousUpper = bucket.upper
        previousCount = bucket.count
      }
      if bucket.upper <= lower || bucketLower >= upper { continue }
      if lower <= bucketLower && upper >= bucket.upper {
        captured += count
      } else if bucketLower.isInfinite || bucket.upper.isInfinite {
        if (bucket.upper == .infinity && upper == .infinity)
          || (bucketLower == -.infinity && lower == -.infinity)
        {
          captured += count
        }
      } else {
        let overlap = min(upper, bucket.upper) - max(lower, bucketLower)
        captured += count * overlap / (bucket.upper - bucketLower)
      }
    }
    return captured / total.count
  }
}
