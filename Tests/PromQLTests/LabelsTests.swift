import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct LabelsTests {
  @Test func sortsByNameAndLastValueWins() {
    let labels = Labels([("job", "a"), ("__name__", "up"), ("instance", "x"), ("job", "b")])
    #expect(labels.map(\.name) == ["__name__", "instance", "job"])
    #expect(labels["job"] == "b")
    #expect(labels["nope"] == nil)
    #expect(labels.metricName == "up")
    #expect(labels.description == "{__name__=\"up\", instance=\"x\", job=\"b\"}")
  }

  @Test func equalityAndHashingUseBytes() {
    let composed = Labels(["a": "\u{E9}"])
    let decomposed = Labels(["a": "e\u{301}"])
    #expect(composed != decomposed)
    #expect(Labels(["a": "1", "b": "2"]) == Labels([("b", "2"), ("a", "1")]))
    #expect(Set([Labels(["a": "1"]), Labels(["a": "1"]), Labels(["a": "2"])]).count == 2)
  }

  @Test func editing() {
    let labels = Labels(["__name__": "up", "job": "a", "instance": "x"])
    #expect(labels.removing([LabelMatcher.metricNameLabel]) == Labels(["job": "a", "instance": "x"]))
    #expect(labels.keeping(["job"]) == Labels(["job": "a"]))
    #expect(labels.setting("zone", to: "eu")["zone"] == "eu")
    #expect(labels.setting("job", to: "") == Labels(["__name__": "up", "instance": "x"]))
    #expect(labels.setting("AAA", to: "1").first?.name == "AAA")
  }

  @Test func ordersLikePrometheus() {
    let sorted = [Labels(["a": "2"]), Labels(["a": "1", "b": "1"]), Labels(["a": "1"])]
      .sorted(by: Labels.precedes)
    #expect(sorted == [Labels(["a": "1"]), Labels(["a": "1", "b": "1"]), Labels(["a": "2"])])
  }
}
