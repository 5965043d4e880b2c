import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct VariableFormatTests {
  @Test func unknownFormatsFallBackToGlob() {
    #expect(VariableFormat(id: "bogus") == .glob)
    #expect(VariableFormat(id: "doublequote") == .doubleQuote)
  }

  @Test func datesFormatMilliseconds() {
    let from = VariableValue.single("__from", "1700000000000")
    #expect(VariableFormat.date.apply(from, arguments: ["seconds"]) == "1700000000")
    #expect(VariableFormat.date.apply(from, arguments: ["ms"]) == "1700000000000")
    #expect(VariableFormat.date.apply(from) == "2023-11-14T22:13:20.000Z")
  }

  @Test func escapeRegexEscapesSlashesToo() {
    #expect(VariableFormat.escapeRegex("/a.b/") == "\\/a\\.b\\/")
  }

  @Test func htmlAndURIEncodings() {
    let v = VariableValue.single("v", "<a & 'b'>")
    #expect(VariableFormat.html.apply(v) == "&lt;a &amp; &#39;b&#39;&gt;")
    #expect(VariableFormat.percentEncode.apply(VariableValue.single("v", "a b/c")) == "a%20b%2Fc")
    #expect(VariableFormat.uriEncode.apply(VariableValue.single("v", "a b/c")) == "a%20b/c")
  }
}
