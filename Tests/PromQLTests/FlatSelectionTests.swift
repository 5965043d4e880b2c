import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct FlatSelectionTests {
  @Test func seriesAreLaidEndToEnd() {
    let flat = FlatSelection([
      Series(labels: Labels(["i": "1"]), timestamps: [0, 5], values: [1, 2]),
      Series(labels: Labels(["i": "2"]), timestamps: [], values: []),
      Series(labels: Labels(["i": "3"]), timestamps: [7], values: [3]),
    ])
    #expect(flat.times == [0, 5, 7])
    #expect(flat.values == [1, 2, 3])
    #expect(flat.bounds == [0, 2, 2, 3])
  }
}
