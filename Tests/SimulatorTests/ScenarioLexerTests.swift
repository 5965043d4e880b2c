import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct ScenarioLexerTests {
  func tokens(_ line: String) -> [Token] {
    (try? ScenarioLexer.tokens(Substring(line)).get()) ?? []
  }

  @Test func splitsOnBlanksAndKeepsColumns() {
    #expect(
      tokens("  at 5m\tnode w1 leave") == [
        Token(text: "at", column: 3), Token(text: "5m", column: 6), Token(text: "node", column: 9),
        Token(text: "w1", column: 14), Token(text: "leave", column: 17),
      ])
  }

  @Test func keepsQuotesAndBracesWholeAndStopsAtComments() {
    #expect(tokens(#"scenario "a # b" # note"#).map(\.text) == ["scenario", #""a # b""#])
    #expect(
      tokens(##"series x{a="1 2", b="#"} 1"##).map(\.text) == ["series", ##"x{a="1 2", b="#"}"##, "1"])
    #expect(tokens("profile seed\r").map(\.text) == ["profile", "seed"])
  }

  @Test func reportsWhereAnUnterminatedQuoteStarts() {
    guard case .failure(let u) = ScenarioLexer.tokens(#"scenario "open"#) else {
      Issue.record("expected a failure")
      return
    }
    #expect(u.column == 10 && u.what == "quoted string")
  }
}
