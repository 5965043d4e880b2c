import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct PrometheusEscapingTests {
  @Test func regularEscapingOnlyTouchesBackslashAndQuote() {
    #expect(PrometheusEscaping.regular(#"a.b\c'd"#) == #"a.b\\c\\'d"#)
  }

  @Test func regexEscapingSurvivesTheStringLiteral() {
    #expect(PrometheusEscaping.specialRegex("a.b(c)|d") == #"a\\.b\\(c\\)\\|d"#)
    #expect(PrometheusEscaping.specialRegex(#"x\y"#) == #"x\\\\y"#)
  }

  @Test func aSingleValueOfAMultiVariableIsNotParenthesised() {
    let v = VariableValue(name: "v", values: ["a.b"], multi: true)
    #expect(PrometheusEscaping.queryValue(v) == #"a\\.b"#)
  }

  @Test func aPlainVariableIsNotRegexEscaped() {
    #expect(PrometheusEscaping.queryValue(VariableValue(name: "v", values: ["a.b"])) == "a.b")
  }
}
