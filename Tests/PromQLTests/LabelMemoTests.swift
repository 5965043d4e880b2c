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
}
