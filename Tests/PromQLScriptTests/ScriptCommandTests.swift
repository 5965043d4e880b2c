import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptCommandTests {
  @Test func everyCommandKnowsItsLine() {
    let load = LoadCommand(line: 2, interval: 60_000, series: [])
    let eval = EvalCommand(line: 5, expression: "up", kind: .instant(at: 0))
    #expect(ScriptCommand.load(load).line == 2)
    #expect(ScriptCommand.clear(line: 4).line == 4)
    #expect(ScriptCommand.eval(eval).line == 5)
  }

  @Test func anEvalExpectsHistogramsWhenAnExpectedLineHoldsOne() {
    var eval = EvalCommand(line: 1, expression: "h", kind: .instant(at: 0))
    #expect(!eval.expectsHistograms)
    eval.expectedSeries.append(SeriesDescription(labels: .empty, values: [], hasHistograms: true))
    #expect(eval.expectsHistograms)
  }
}
