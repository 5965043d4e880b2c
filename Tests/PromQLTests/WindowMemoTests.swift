import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct WindowMemoTests {
  static let values: [Double] = [3, 1e16, 1, -1e16, 7, .nan, 2, 9, -4, 0.1, 0.2, 0.3]

  @Test func growingWindowsFoldLikeAWholePass() {
    let memo = WindowMemo()
    for end in 1...Self.values.count {
      let window = Self.values[0..<end]
      let sum = memo.fold(.sum, window, series: 0, range: 60_000)
      #expect(sum.bitPattern == Evaluation.kahanSum(window).bitPattern, "sum up to \(end)")
      let highest = memo.fold(.max, window, series: 0, range: 60_000)
      let expected = window.reduce(Double.nan) { $0.isNaN || $1 > $0 ? $1 : $0 }
      #expect(highest.bitPattern == expected.bitPattern, "max up to \(end)")
    }
  }

  @Test func aWindowThatMovesOrShrinksIsFoldedAgain() {
    let memo = WindowMemo()
    #expect(memo.fold(.min, Self.values[0..<5], series: 0, range: 60_000) == -1e16)
    #expect(memo.fold(.min, Self.values[4..<9], series: 0, range: 60_000) == -4)
    #expect(memo.fold(.min, Self.values[4..<6], series: 0, range: 60_000) == 7)
    #expect(memo.fold(.max, Self.values[0..<0], series: 0, range: 60_000).isNaN)
  }

  @Test func seriesAndOperationsAreKeptApart() {
    let memo = WindowMemo()
    let other: [Double] = [100, 200, 300]
    #expect(memo.fold(.max, Self.values[0..<3], series: 0, range: 60_000) == 1e16)
    #expect(memo.fold(.max, other[0..<2], series: 1, range: 60_000) == 200)
    #expect(memo.fold(.sum, other[0..<3], series: 1, range: 60_000) == 600)
    #expect(memo.fold(.max, Self.values[0..<4], series: 0, range: 60_000) == 1e16)
  }

  @Test func aGrowingWindowFoldsOnlyItsNewSamples() {
    let memo = WindowMemo()
    for end in 1...Self.values.count { _ = memo.fold(.max, Self.values[0..<end], series: 0, range: 60_000) }
    #expect(memo.foldedSamples == Self.values.count)
  }

  @Test func rangesOfOneSeriesKeepFoldsOfTheirOwn() {
    let memo = WindowMemo()
    // Two windows of one series, interleaved as one query's two selectors would ask for them.
    for end in 3...Self.values.count {
      let sum = memo.fold(.sum, Self.values[0..<end], series: 0, range: 3_600_000)
      #expect(sum.bitPattern == Evaluation.kahanSum(Self.values[0..<end]).bitPattern)
      _ = memo.fold(.sum, Self.values[0..<(end - 2)], series: 0, range: 3_540_000)
    }
    let eachOnce = Self.values.count + (Self.values.count - 2)
    #expect(memo.foldedSamples == eachOnce)
    _ = memo.fold(.sum, Self.values[1..<3], series: 0, range: 60_000)
    #expect(memo.foldedSamples == eachOnce + 2)
  }
}
