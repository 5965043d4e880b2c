import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptRunnerTests {
  func outcomes(_ text: String, prometheus2: Bool = false) throws -> [EvalResult.Outcome] {
    ScriptRunner(prometheus2: prometheus2).run(try Script.parse(text, file: "r.test")).map(\.outcome)
  }

  @Test func passesMatchingInstantRangeAndScalarEvals() throws {
    let results = try outcomes(
      """
      load 1m
        m{a="1"} 0+10x5
        m{a="2"} 1 _ stale 4

      eval instant at 2m m
        m{a="1"} 20

      eval range from 0 to 4m step 1m m{a="2"}
        m{a="2"} 1 1 _ 4 4

      eval instant at 1m scalar(m{a="1"}) * 2
        20

      eval instant at 5m m offset 4m
        m{a="1"} 10
        m{a="2"} 1

      eval instant at 0 m @ 4m
        m{a="1"} 40
        m{a="2"} 4

      eval instant at 0 "hello"
        expect string "hello"

      eval instant at 4m m{a="1"}[2m]
        expect range vector from 3m to 4m step 1m
        m{a="1"} 30 40
      """)
    #expect(results == Array(repeating: .passed, count: 7))
  }

  @Test func explainsAFailureWithExpectedAndActualSeries() throws {
    let results = try outcomes("load 1m\n  m 1 2\n\neval instant at 1m m\n  m 3\n")
    guard case .failed(let detail) = results.first else {
      Issue.record("expected a failure")
      return
    }
    #expect(detail.contains("{__name__=\"m\"}: expected 3, got 2"))
    #expect(detail.contains("expected:\n  {__name__=\"m\"} 3\ngot:\n  {__name__=\"m\"} 2"))
  }

  @Test func checksOrderOnlyWhenAsked() throws {
    let script = """
      load 1m
        m{a="1"} 1
        m{a="2"} 2

      eval_ordered instant at 0 sort_desc(m)
        m{a="1"} 1
        m{a="2"} 2

      eval instant at 0 sort_desc(m)
        m{a="1"} 1
        m{a="2"} 2
      """
    let results = try outcomes(script)
    guard case .failed(let detail) = results.first else {
      Issue.record("expected the ordered eval to fail")
      return
    }
    #expect(detail.contains("expected at position"))
    #expect(results[1] == .passed)
  }

  @Test func comparesFailureMessagesWhenGiven() throws {
    let results = try outcomes(
      """
      load 1m
        m{a="1"} 1
        m{a="2"} 1

      eval instant at 0 topk(NaN, m)
        expect fail msg: Parameter value is NaN

      eval instant at 0 topk(NaN, m)
        expect fail msg: something else

      eval instant at 0 label_replace(m, "a", "x", "", "")
        expect fail regex: same label ?set

      eval instant at 0 m
        expect fail
      """)
    #expect(results[0] == .passed)
    #expect(results[1] == .failed("expected error \"something else\", got \"Parameter value is NaN\""))
    #expect(results[2] == .passed)
    guard case .failed(let detail) = results[3] else {
      Issue.record("a query that succeeds must fail an expect fail")
      return
    }
    #expect(detail.hasPrefix("expected an error, got:"))
  }

  @Test func clearEmptiesTheStorage() throws {
    #expect(try outcomes("load 1m\n  m 1\n\nclear\n\neval instant at 0 m\n") == [.passed])
  }

  @Test func skipsNativeHistogramsApartFromUnsupportedFeatures() throws {
    let results = try outcomes(
      """
      load 1m
        h {{schema:0 count:1 sum:1}}
        f 1

      load_with_nhcb 1m
        c_bucket{le="1"} 1
        c_bucket{le="+Inf"} 2

      eval instant at 0 h
        h {{schema:0 count:1 sum:1}}

      eval instant at 0 histogram_count({__name__=~"h|f"})

      eval instant at 0 c
        c 1

      eval instant at 0 f
        expect warn
        f 1

      eval instant at 0 f
        expect no_warn
        f 1
      """)
    #expect(
      results == [
        .nativeHistograms, .nativeHistograms, .nativeHistograms, .unsupported("warn/info annotations"),
        .passed,
      ])
  }

  @Test func usesPrometheus2WindowsWithCompat2() throws {
    let script = "load 1m\n  m 0 1 2\n\neval instant at 2m count_over_time(m[1m])\n  {} 1\n"
    #expect(try outcomes(script) == [.passed])
    #expect(try outcomes(script, prometheus2: true) != [.passed])
  }

  @Test func anExpressionThatDoesNotParseFailsItsEval() throws {
    #expect(try outcomes("eval instant at 0 sum(\n  expect fail\n") == [.passed])
    guard case .failed(let detail) = try outcomes("eval instant at 0 sum(\n").first else {
      Issue.record("expected a failure")
      return
    }
    #expect(detail.hasPrefix("unexpected error:"))
  }
}
