import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct LabelMemoTests {
  @Test func eachLabelSetIsTransformedOnce() {
    let memo = LabelMemo()
    let table = memo.table(for: .keeping(["job"]))
    let labels = Labels(["__name__": "up", "job": "a", "instance": "x"])
    var computed = 0
    for _ in 0..<5 {
      let result = memo.labels(table, labels) {
        computed += 1
        return $0.applying(.keeping(["job"]))
      }
      #expect(result == Labels(["job": "a"]))
    }
    #expect(computed == 1)
  }

  @Test func transformsHaveTablesOfTheirOwn() {
    let memo = LabelMemo()
    let keep = memo.table(for: .keeping(["job"]))
    let remove = memo.table(for: .removing(["job"]))
    #expect(keep != remove)
    #expect(memo.table(for: .keeping(["job"])) == keep)
    #expect(memo.table(for: .droppingMetricName) == LabelMemo.droppingMetricNameTable)
    let labels = Labels(["__name__": "up", "job": "a"])
    #expect(memo.labels(keep, labels) { $0.applying(.keeping(["job"])) } == Labels(["job": "a"]))
    #expect(memo.labels(remove, labels) { $0.applying(.removing(["job"])) } == Labels(["__name__": "up"]))
  }

  @Test func aFullTableStillAnswersButRemembersNoMore() {
    let memo = LabelMemo()
    let table = memo.table(for: .keeping(["i"]))
    for i in 0..<LabelMemo.tableCapacity {
      _ = memo.labels(table, Labels(["i": "\(i)", "x": "y"])) { $0.applying(.keeping(["i"])) }
    }
    var computed = 0
    let beyond = Labels(["i": "new", "x": "y"])
    for _ in 0..<2 {
      let result = memo.labels(table, beyond) {
        computed += 1
        return $0.applying(.keeping(["i"]))
      }
      #expect(result == Labels(["i": "new"]))
    }
    #expect(computed == 2)
    #expect(memo.labels(table, Labels(["i": "7", "x": "y"])) { _ in .empty } == Labels(["i": "7"]))
  }
}
