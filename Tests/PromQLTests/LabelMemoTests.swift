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

  @Test func groupingsAreKeptPerSelectionAndTransform() {
    let memo = LabelMemo()
    let series = [
      Series(labels: Labels(["job": "a", "i": "1"]), timestamps: [0], values: [1]),
      Series(labels: Labels(["job": "b", "i": "2"]), timestamps: [0], values: [1]),
      Series(labels: Labels(["job": "a", "i": "3"]), timestamps: [0], values: [1]),
    ]
    let byJob = memo.grouping(of: series, by: .keeping(["job"]))
    #expect(byJob.groups == [0, 1, 0])
    #expect(byJob.keys == [Labels(["job": "a"]), Labels(["job": "b"])])
    #expect(memo.grouping(of: series, by: .keeping(["job"])) === byJob)
    #expect(memo.grouping(of: series, by: .removing(["job"])).groups == [0, 1, 2])
  }

  @Test func onlyTheNewestGroupingsAreKept() {
    let memo = LabelMemo()
    let selections = (0...LabelMemo.maxGroupings).map {
      [Series(labels: Labels(["job": "\($0)"]), timestamps: [0], values: [1])]
    }
    let first = memo.grouping(of: selections[0], by: .keeping(["job"]))
    #expect(memo.grouping(of: selections[0], by: .keeping(["job"])) === first)
    for selection in selections.dropFirst() { _ = memo.grouping(of: selection, by: .keeping(["job"])) }
    #expect(memo.grouping(of: selections[0], by: .keeping(["job"])) !== first)
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

  @Test func groupingsOfOneSelectionShareItsSamples() {
    let memo = LabelMemo()
    let series = [
      Series(labels: Labels(["job": "a", "i": "1"]), timestamps: [0, 5], values: [1, 2]),
      Series(labels: Labels(["job": "b", "i": "2"]), timestamps: [0], values: [3]),
    ]
    let byJob = memo.grouping(of: series, by: .keeping(["job"]))
    let byInstance = memo.grouping(of: series, by: .keeping(["i"]))
    #expect(byJob.samples === byInstance.samples)
  }
}
