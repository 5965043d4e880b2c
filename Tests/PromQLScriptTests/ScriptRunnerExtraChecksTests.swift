import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptRunnerExtraChecksTests {
  @Test func pinsSelectorsAndSubqueriesButNotTheirInsides() throws {
    let expr = try Parser.parse("sum(rate(a[5m])) + max_over_time(b[10m:1m]) + c @ 30 + d offset 1m")
    #expect(
      ScriptRunner.pinned(expr, at: 60_000).description
        == "sum(rate(a[5m] @ 60.000)) + max_over_time(b[10m:1m] @ 60.000) + c @ 30.000 + d @ 60.000 offset 1m"
    )
  }

  @Test func findsTheFunctionsAnExpressionCalls() throws {
    #expect(
      ScriptRunner.functions(in: try Parser.parse("abs(time() - timestamp(x))")) == [
        "abs", "time", "timestamp",
      ])
  }

  @Test func reportsWhichExtraCheckFailed() throws {
    let engine = Engine(storage: InMemoryStorage([]))
    var eval = EvalCommand(line: 1, expression: "vector(1)", kind: .instant(at: 60_000))
    eval.expectedSeries = [try SeriesDescription.parse("{} 2")]
    let problem = ScriptRunner().extraChecks(eval, try Parser.parse("vector(1)"), at: 60_000, engine: engine)
    #expect(problem?.hasPrefix("with every selector at @60, evaluated at -600s:") == true)
    eval.expectedSeries = [try SeriesDescription.parse("{} 1")]
    #expect(
      ScriptRunner().extraChecks(eval, try Parser.parse("vector(1)"), at: 60_000, engine: engine) == nil)
    // time() is exempt from the @ check but not from the range-query check.
    eval.expression = "time()"
    eval.expectedSeries = []
    eval.expectedScalar = 61
    #expect(
      ScriptRunner().extraChecks(eval, try Parser.parse("time()"), at: 60_000, engine: engine)?
        .hasPrefix("as a range query, at 60s:") == true)
  }
}
