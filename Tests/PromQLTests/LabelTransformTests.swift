import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct LabelTransformTests {
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
