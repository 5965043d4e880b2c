import Testing

@testable import PromQL

struct WindowMemoTests {
  static let values: [Double] = [3, 1e16, 1, -1e16, 7, .nan, 2, 9, -4, 0.1, 0.2, 0.3]

  @Test func growingWindowsFoldLikeAWholePass() {
    let memo = WindowMemo()
    for end in 1...Self.values.count {
      let window = Self.values[0..<end]
      let sum = memo.fold(.sum, window)
      #expect(sum.bitPattern == Evaluation.kahanSum(window).bitPattern, "sum up to \(end)")
      let highest = memo.fold(.max, window)
      let expected = window.reduce(Double.nan) { $0.isNaN || $1 > $0 ? $1 : $0 }
      #expect(highest.bitPattern == expected.bitPattern, "max up to \(end)")
    }
  }

  @Test func aWindowThatMovesOrShrinksIsFoldedAgain() {
    let memo = WindowMemo()
    #expect(memo.fold(.min, Self.values[0..<5]) == -1e16)
    #expect(memo.fold(.min, Self.values[4..<9]) == -4)
    #expect(memo.fold(.min, Self.values[4..<6]) == 7)
    #expect(memo.fold(.max, Self.values[0..<0]).isNaN)
  }

  @Test func seriesAndOperationsAreKeptApart() {
    let memo = WindowMemo()
    let other: [Double] = [100, 200, 300]
    #expect(memo.fold(.max, Self.values[0..<3]) == 1e16)
    #expect(memo.fold(.max, other[0..<2]) == 200)
    #expect(memo.fold(.sum, other[0..<3]) == 600)
    #expect(memo.fold(.max, Self.values[0..<4]) == 1e16)
  }
}
