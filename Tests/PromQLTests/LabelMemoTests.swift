import Foundation
import Testing

@testable import PromQL

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

  @Test func transformsDoWhatTheirNamesSay() {
    let labels = Labels(["__name__": "up", "job": "a", "instance": "x"])
    #expect(labels.applying(.droppingMetricName) == Labels(["job": "a", "instance": "x"]))
    #expect(labels.applying(.removing(["instance", "__name__"])) == Labels(["job": "a"]))
    let oneToOne = LabelTransform.binaryResult(dropName: true, oneToOne: true, on: true, names: ["job"])
    #expect(labels.applying(oneToOne) == Labels(["job": "a"]))
    let ignoring = LabelTransform.binaryResult(dropName: false, oneToOne: true, on: false, names: ["job"])
    #expect(labels.applying(ignoring) == Labels(["__name__": "up", "instance": "x"]))
    let grouped = LabelTransform.binaryResult(dropName: true, oneToOne: false, on: true, names: ["job"])
    #expect(labels.applying(grouped) == Labels(["job": "a", "instance": "x"]))
  }

  @Test func transformersWithoutAMemoComputeDirectly() {
    let transformer = LabelTransformer(.keeping(["job"]), memo: nil)
    #expect(transformer(Labels(["job": "a", "x": "1"])) == Labels(["job": "a"]))
  }

  @Test func patternsAreCompiledOnce() throws {
    let memo = LabelMemo()
    var compiled = 0
    func compile() throws(EvaluationError) -> NSRegularExpression {
      compiled += 1
      do { return try NSRegularExpression(pattern: "a+") } catch { throw EvaluationError("\(error)") }
    }
    let first = try memo.regex("a+", compile)
    let second = try memo.regex("a+", compile)
    #expect(first === second)
    #expect(compiled == 1)
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
}
