import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct EngineRangeWindowsTests {
  static let storage = InMemoryStorage([
    Series(
      labels: Labels(["__name__": "x"]), timestamps: [0, 15_000, 30_000, 45_000, 60_000],
      values: [1, 2, StaleMarker.value, 4, 5])
  ])

  static func matrix(_ text: String) throws -> Expr { try Parser.parse(text) }

  @Test func windowsLeaveOutStaleMarkersWithOrWithoutAPlan() throws {
    let engine = Engine(storage: Self.storage)
    let planned = Evaluation(engine: engine, queryStart: 0, queryEnd: 60_000, step: 15_000)
      .planned(try Self.matrix("(x[1m])"))
    let plain = Evaluation(engine: engine, queryStart: 60_000, queryEnd: 60_000, step: 0)
    for evaluation in [planned, plain] {
      let (series, start, end, seconds) = try evaluation.window(Self.matrix("(x[1m])"), at: 60_000)
      #expect(series.count == 1)
      // (0, 60s]: the sample at 0 is outside, the stale marker at 30s is left out.
      #expect(Array(series[0].values) == [2, 4, 5])
      #expect(Array(series[0].timestamps) == [15_000, 45_000, 60_000])
      #expect((start, end, seconds) == (0, 60_000, 60))
    }
  }

  @Test func subqueryPointsAreWindowsToo() throws {
    let evaluation = Evaluation(
      engine: Engine(storage: Self.storage), queryStart: 60_000, queryEnd: 60_000, step: 0)
    let (series, _, _, _) = try evaluation.window(Self.matrix("x[1m:15s]"), at: 60_000)
    // Points at 15s, 45s and 60s; at 30s the series is stale.
    #expect(Array(series.first?.values ?? []) == [2, 4, 5])
  }

  @Test func plannedWindowsKnowTheirNodeAndSeries() throws {
    let expr = try Self.matrix("x[1m]")
    let evaluation = Evaluation(
      engine: Engine(storage: Self.storage), queryStart: 0, queryEnd: 60_000, step: 15_000)
    let (plain, _, _, _) = try evaluation.window(expr, at: 60_000)
    #expect(plain.first.map { $0.origin == nil } == true)
    let (planned, _, _, _) = try evaluation.planned(expr).window(expr, at: 60_000)
    #expect(planned.first?.origin?.slot == 0)
    #expect(planned.first?.origin?.series == 0)
  }
}
