import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ValueTests {
  @Test func valuesKnowTheirTypeAndCompareNaNByBits() {
    #expect(Value.scalar(.nan) == .scalar(.nan))
    #expect(Value.scalar(1) != .string("1"))
    #expect(Value.vector([]).type == .vector)
    #expect(Value.matrix([]).type == .matrix)
    let sample = VectorSample(labels: Labels(["a": "b"]), value: .nan, timestamp: 5)
    #expect(sample == VectorSample(labels: Labels(["a": "b"]), value: .nan, timestamp: 5))
  }

  @Test func evaluationErrorsDescribeThemselves() {
    #expect(EvaluationError("boom").description == "boom")
  }
}
