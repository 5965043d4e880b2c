import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct LabelsIndexTests {
  @Test func labelSetsAreNumberedInOrderOfFirstAppearance() {
    var index = LabelsIndex()
    #expect(index.insert(Labels(["a": "1"])) == (0, true))
    #expect(index.insert(Labels(["a": "2"])) == (1, true))
    #expect(index.insert(Labels(["a": "1"])) == (0, false))
    #expect(index.position(of: Labels(["a": "2"])) == 1)
    #expect(index.position(of: Labels(["a": "3"])) == nil)
    #expect(index.keys == [Labels(["a": "1"]), Labels(["a": "2"])])
  }

  @Test func everyLabelSetIsFoundAfterTheTableGrows() {
    var index = LabelsIndex(capacity: 1)
    let all = (0..<5_000).map { Labels(["instance": "host-\($0)", "job": "api"]) }
    for (position, labels) in all.enumerated() { #expect(index.insert(labels).position == position) }
    #expect(index.count == all.count)
    for (position, labels) in all.enumerated() where index.position(of: labels) != position {
      Issue.record("\(labels) is not at \(position)")
    }
    #expect(index.position(of: Labels(["instance": "host-5000", "job": "api"])) == nil)
  }

  @Test func theEmptyLabelSetIsAKeyLikeAnyOther() {
    var index = LabelsIndex()
    #expect(index.insert(.empty).inserted)
    #expect(!index.insert(Labels([:])).inserted)
  }
}
