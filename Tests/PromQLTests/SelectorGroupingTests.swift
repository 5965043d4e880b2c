import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct SelectorGroupingTests {
  @Test func cursorsStartAtEachSeriesFirstSample() {
    let flat = FlatSelection([
      Series(labels: Labels(["i": "1"]), timestamps: [0, 5], values: [1, 2]),
      Series(labels: Labels(["i": "2"]), timestamps: [7], values: [3]),
    ])
    let grouping = SelectorGrouping(groups: [0, 0], keys: [.empty], samples: flat)
    #expect(grouping.cursors == [0, 2])
    #expect(grouping.scratch.totals == [0])
  }

  @Test func clearingTheScratchResetsOnlyWhatAStepTouched() {
    var scratch = SelectorGrouping.FoldScratch(groups: 3)
    scratch.order = [2, 0]
    scratch.seen = [true, false, true]
    scratch.totals = [4, 0, .nan]
    scratch.compensations = [1e-17, 0, 0]
    scratch.clear()
    #expect(scratch.order.isEmpty)
    #expect(scratch.seen == [false, false, false])
    #expect(scratch.totals == [0, 0, 0])
    #expect(scratch.compensations == [0, 0, 0])
  }
}
