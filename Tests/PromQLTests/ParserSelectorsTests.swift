import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ParserSelectorsTests {
  @Test func modifiersExtendTheSelectorsRange() throws {
    let expr = try Parser.parse("foo{a=\"b\"}[5m] @ 10 offset 1m")
    guard case .matrixSelector(let matrix) = expr else {
      Issue.record("expected a matrix selector")
      return
    }
    #expect(matrix.selector.at == .timestamp(milliseconds: 10_000))
    #expect(matrix.selector.offset == .fixed(nanoseconds: 60_000_000_000))
    #expect(expr.position == PositionRange(start: 0, end: 29))
  }

  @Test func quotedNamesAndLabelNames() throws {
    guard case .vectorSelector(let selector) = try Parser.parse(#"{"my.metric", "my.label"="v"}"#) else {
      Issue.record("expected a selector")
      return
    }
    #expect(selector.name == "")
    #expect(selector.matchers.map(\.description) == [#"__name__="my.metric""#, #""my.label"="v""#])
  }

  @Test func keywordsCanBeMetricAndLabelNames() throws {
    #expect(try Parser.parse("sum + by + offset + and").description == "sum + by + offset + and")
    #expect(try Parser.parse("x{by=\"1\", on=\"2\"}").description == #"x{by="1",on="2"}"#)
    #expect(try Parser.parse("sum by (on, bool, offset) (x)").description == "sum by (on, bool, offset) (x)")
  }

  @Test(arguments: [
    ("foo @ 1 @ 2", "@ <timestamp> may not be set multiple times"),
    (
      "sum(x) @ 1",
      "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"
    ),
    ("x[5m] anchored smoothed", "anchored and smoothed modifiers cannot be used together"),
    ("x[5m:] anchored", "anchored modifier is not supported for subqueries"),
    ("x{a=~\"(\"}", "error parsing regexp: invalid or unsupported pattern: `(`"),
    ("foo @ end", "unexpected end of input in @, expected timestamp"),
  ])
  func modifierErrors(query: String, message: String) {
    do {
      _ = try Parser.parse(query, options: .all)
      Issue.record("parsed \(query)")
    } catch {
      #expect(error.message == message)
    }
  }
}
