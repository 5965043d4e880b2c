import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(1))) struct PanelResultTests {
  static let panel = Panel(title: "P", row: "R", targets: [])

  @Test func errorsWinOverDataAndDataOverNoData() {
    let data = TargetResult(
      refId: "A", expr: "up", kind: .range, series: [Series(labels: .empty, timestamps: [1], values: [1])])
    let empty = TargetResult(
      refId: "B", expr: "x", kind: .range, noDataReasons: ["metric x is not in the recording"])
    let broken = TargetResult(refId: "C", expr: "(", kind: .range, error: "1:2: parse error")
    #expect(PanelResult(panel: Self.panel, title: "P", targets: [data, empty]).status == .data)
    #expect(PanelResult(panel: Self.panel, title: "P", targets: [empty]).status == .noData)
    #expect(
      PanelResult(panel: Self.panel, title: "P", targets: [data, broken]).reasons == [
        "C `(`: 1:2: parse error"
      ])
    #expect(PanelResult(panel: Self.panel, title: "P", targets: []).status == .skipped)
    #expect(PanelResult(panel: Self.panel, title: "P", targets: []).displayName == "R / P")
  }

  @Test func aConstantThresholdAloneIsNoData() {
    var threshold = TargetResult(
      refId: "B", expr: "75", kind: .range, series: [Series(labels: .empty, timestamps: [1], values: [75])])
    threshold.readsSeries = false
    let empty = TargetResult(
      refId: "A", expr: "x", kind: .range, noDataReasons: ["metric x is not in the recording"])
    let result = PanelResult(panel: Self.panel, title: "P", targets: [empty, threshold])
    // Issue 15, point 10: a threshold line is not data of the cluster.
    #expect(result.status == .fallbackOnly)
    #expect(
      result.reasons == ["metric x is not in the recording", "only constant targets (B: 75) return data"])
    #expect(PanelResult(panel: Self.panel, title: "P", targets: [threshold]).status == .fallbackOnly)
  }

  /// Issue 15, point 11: an error line names the target.
  @Test func anErrorNamesItsTargetAndExpression() {
    let broken = TargetResult(refId: "C", expr: "sum(", kind: .range, error: "1:5: unexpected end of input")
    #expect(
      PanelResult(panel: Self.panel, title: "P", targets: [broken]).reasons
        == ["C `sum(`: 1:5: unexpected end of input"])
  }
}
