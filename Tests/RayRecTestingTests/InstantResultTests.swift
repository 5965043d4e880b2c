import PromQL
import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5))) struct InstantResultTests {
  static let result = InstantResult(
    samples: [
      VectorSample(labels: Labels(["State": "RUNNING", "node": "n1"]), value: 2, timestamp: 0),
      VectorSample(labels: Labels(["State": "RUNNING", "node": "n2"]), value: 3, timestamp: 0),
      VectorSample(labels: Labels(["State": "FAILED", "node": "n1"]), value: 1, timestamp: 0),
    ], query: "q", time: 0)

  @Test func picksTheOnlySeriesMatchingALabelSubset() {
    #expect(Self.result["State", "FAILED"] == 1)
    #expect(Self.result[["State": "RUNNING", "node": "n2"]] == 3)
    #expect(Self.result["State", "RUNNING"] == nil)
    #expect(Self.result.matching(["State": "RUNNING"]).count == 2)
    #expect(Self.result.sum == 6 && Self.result.count == 3 && Self.result.onlyValue == nil)
  }

  @Test func conditionsHoldAsWritten() {
    #expect(Condition.lessThan(2).holds(1) && !Condition.lessThan(2).holds(.nan))
    #expect(Condition.equal(1, tolerance: 0.01).holds(1.005) && !Condition.equal(1, tolerance: 0).holds(1.1))
    #expect(Condition.between(1, 2).holds(2) && Condition.between(1, 2).description == "in 1...2")
  }
}
