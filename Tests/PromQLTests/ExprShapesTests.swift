import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct ExprShapesTests {
  @Test func selectorsAreSeenThroughParentheses() throws {
    #expect(try Parser.parse("((up))").plainSelector?.matchers.count == 1)
    #expect(try Parser.parse("up offset 5m").plainSelector != nil)
    #expect(try Parser.parse("up * 2").plainSelector == nil)
    #expect(try Parser.parse("(up[5m])").isMatrixSelector)
    #expect(try !Parser.parse("up[5m:1m]").isMatrixSelector)
    #expect(try !Parser.parse("up").isMatrixSelector)
  }
}
