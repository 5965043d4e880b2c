import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct EvalResultTests {
  @Test func talliesOutcomesAndReportsThePassRateWithoutNativeHistograms() {
    let outcomes: [EvalResult.Outcome] = [
      .passed, .passed, .passed, .failed("x"), .nativeHistograms, .nativeHistograms, .unsupported("info()"),
    ]
    let tally = EvalTally(
      outcomes.enumerated().map {
        EvalResult(file: "f.test", line: $0.offset, expression: "e", outcome: $0.element)
      })
    #expect(tally.passed == 3 && tally.failed == 1 && tally.skipped == 3 && tally.total == 7)
    #expect(tally.withoutNativeHistograms == 5)
    #expect(tally.passRate == 60)
    #expect(tally.summary == "3 passed, 1 failed, 3 skipped")
    #expect((tally + tally).passed == 6)
    #expect(EvalTally().passRate == nil)
  }

  @Test func locatesAResultAsFileColonLine() {
    #expect(EvalResult(file: "a.test", line: 3, expression: "up", outcome: .passed).location == "a.test:3")
  }
}
