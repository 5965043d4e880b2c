import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct BinaryExprTests {
  @Test func precedenceAndAssociativity() {
    #expect(BinaryOp.or.precedence < BinaryOp.and.precedence)
    #expect(BinaryOp.and.precedence < BinaryOp.eql.precedence)
    #expect(BinaryOp.eql.precedence < BinaryOp.add.precedence)
    #expect(BinaryOp.add.precedence < BinaryOp.atan2.precedence)
    #expect(BinaryOp.mul.precedence < BinaryOp.pow.precedence)
    #expect(BinaryOp.allCases.filter(\.isRightAssociative) == [.pow])
    #expect(BinaryOp.allCases.filter(\.isSetOperator) == [.and, .or, .unless])
  }

  @Test func matchingPrintsOnlyWhatWasWritten() {
    #expect(VectorMatching().description == "")
    #expect(VectorMatching(matchingLabels: ["a"]).description == " ignoring (a)")
    #expect(VectorMatching(cardinality: .oneToMany, on: true).description == " on () group_right ()")
    #expect(VectorMatching(fillLeft: 1, fillRight: 2).description == " fill_left (1) fill_right (2)")
  }
}
