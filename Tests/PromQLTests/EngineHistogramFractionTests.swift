import Testing

@testable import PromQL

/// `histogram_fraction` over classic buckets.
@Suite(.timeLimit(.minutes(5)))
struct EngineHistogramFractionTests {
  /// Buckets `le` 1, 2, 3, +Inf holding 1, 3, 6, 100 observations.
  let buckets: [(upper: Double, count: Double)] = [(1, 1), (2, 3), (3, 6), (.infinity, 100)]

  func fraction(_ lower: Double, _ upper: Double) -> Double {
    (Evaluation.bucketFraction(lower, upper, buckets) * 1e9).rounded() / 1e9
  }

  @Test func interpolatesInsideFiniteBuckets() {
    #expect(fraction(0, 1.5) == 0.02)
    #expect(fraction(0.5, 2) == 0.025)
    #expect(fraction(1, 3) == 0.05)
  }

  @Test func countsAnInfiniteBucketOnlyWhenTheRangeReachesItsEnd() {
    #expect(fraction(400, .infinity) == 0.94)
    #expect(fraction(4, 5) == 0)
    #expect(fraction(-.infinity, .infinity) == 1)
    let negative: [(upper: Double, count: Double)] = [(-3, 10), (-2, 12), (-1, 15), (.infinity, 100)]
    #expect(Evaluation.bucketFraction(-4, -2, negative) == 0.02)
    #expect(Evaluation.bucketFraction(-.infinity, -1.5, negative) == 0.135)
  }

  @Test func emptyOrInvertedRangesAndNaN() {
    #expect(fraction(2, 2) == 0)
    #expect(fraction(3, 2) == 0)
    #expect(Evaluation.bucketFraction(.nan, 1, buckets).isNaN)
    #expect(Evaluation.bucketFraction(0, 5, [(1, 0), (.infinity, 0)]).isNaN)
  }

  @Test func groupsBucketSeriesByTheirOtherLabels() throws {
    let engine = Engine(
      storage: InMemoryStorage(
        [("1", 1.0), ("2", 3), ("3", 6), ("+Inf", 100)].map {
          Series(
            labels: Labels(["__name__": "x_bucket", "le": $0.0, "job": "a"]), timestamps: [0], values: [$0.1])
        }))
    #expect(
      try engine.instantQuery("histogram_fraction(0, 1.5, x_bucket)", at: 0)
        == .vector([VectorSample(labels: Labels(["job": "a"]), value: 0.02, timestamp: 0)]))
  }
}
