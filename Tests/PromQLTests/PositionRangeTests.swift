import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct PositionRangeTests {
  @Test func lineAndColumnCountBytes() {
    #expect(PositionRange(start: 0, end: 1).lineColumn(in: "abc") == (1, 1))
    #expect(PositionRange(start: 5, end: 6).lineColumn(in: "ab\ncdef") == (2, 3))
    #expect(PositionRange(start: 3, end: 4).lineColumn(in: "éab") == (1, 4))
  }

  @Test func errorsDescribeThemselvesLikePrometheus() {
    let error = PromQLError(
      "unexpected <op:*>", at: PositionRange(start: 12, end: 13), in: "sum(rate(x))* * 2")
    #expect(error.description == "1:13: parse error: unexpected <op:*>")
  }
}
