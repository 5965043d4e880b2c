import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptRunnerCompareTests {
  @Test func comparesFloatsLikePromqltest() {
    #expect(ScriptRunner.almostEqual(1, 1 + 1e-9))
    #expect(!ScriptRunner.almostEqual(1, 1.001))
    #expect(ScriptRunner.almostEqual(.nan, .nan))
    #expect(!ScriptRunner.almostEqual(0, 1e-300))
    #expect(!ScriptRunner.almostEqual(StaleMarker.value, .nan))
    #expect(ScriptRunner.almostEqual(StaleMarker.value, StaleMarker.value))
  }

  @Test func describesValuesInTheScriptNotation() {
    #expect(ScriptRunner.describe(.scalar(2)) == "  scalar 2")
    #expect(ScriptRunner.describe(.vector([])) == "  (empty vector)")
    let sample = VectorSample(labels: Labels(["a": "1"]), value: .infinity, timestamp: 0)
    #expect(ScriptRunner.describe(.vector([sample])) == "  {a=\"1\"} +Inf")
    let series = Series(labels: .empty, timestamps: [0, 60_000], values: [1, 2.5])
    #expect(ScriptRunner.describe(.matrix([series])) == "  {} 1@0s 2.5@60s")
  }

  @Test func reportsRangeDifferencesByTime() throws {
    let script = try Script.parse(
      "load 1m\n  m 1 2 3\n\neval range from 0 to 2m step 1m m\n  m 1 5 3\n", file: "c.test")
    guard case .failed(let detail) = ScriptRunner().run(script).first?.outcome else {
      Issue.record("expected a failure")
      return
    }
    #expect(detail.hasPrefix("{__name__=\"m\"} at 60s: expected 5, got 2\n"))
  }
}
