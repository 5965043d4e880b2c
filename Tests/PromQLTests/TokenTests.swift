import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct TokenTests {
  @Test func keywordTableCoversTheLanguage() {
    #expect(TokenKind.keywords["sum"] == .sum)
    #expect(TokenKind.keywords["group_left"] == .groupLeft)
    #expect(TokenKind.keywords["atan2"] == .atan2)
    #expect(TokenKind.keywords["inf"] == .number)
    #expect(TokenKind.keywords["+"] == nil)
  }

  @Test func groupsDecideHowErrorsNameTokens() {
    #expect(TokenKind.mul.isOperator && TokenKind.land.isOperator)
    #expect(TokenKind.sum.isAggregator && !TokenKind.sum.isKeyword)
    #expect(TokenKind.by.isKeyword && TokenKind.by.isMetricIdentifier && TokenKind.by.isMaybeLabel)
    #expect(TokenKind.on.isMaybeLabel && !TokenKind.on.isMetricIdentifier)
    #expect(!TokenKind.without.isMaybeLabel)
  }
}
