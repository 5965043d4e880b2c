import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ExprTests {
  @Test func childrenAndPositions() throws {
    let expr = try Parser.parse("topk(3, rate(x[5m])) / -y")
    guard case .binary(let binary) = expr else {
      Issue.record("expected a binary expression")
      return
    }
    #expect(expr.children.count == 2)
    #expect(binary.lhs.children.count == 2)
    #expect(binary.rhs.position == PositionRange(start: 23, end: 25))
    #expect(expr.position == PositionRange(start: 0, end: 25))
  }

  @Test func normalizedIgnoresPositionsAndMatcherOrder() throws {
    let a = try Parser.parse("x{b=\"1\", a=\"2\"}")
    let b = try Parser.parse("  x{a=\"2\",b=\"1\"}")
    #expect(a != b)
    #expect(a.normalized == b.normalized)
  }

  @Test func numberLiteralsCompareBitPatterns() {
    let zero = PositionRange(start: 0, end: 0)
    #expect(NumberLiteral(value: .nan, position: zero) == NumberLiteral(value: .nan, position: zero))
    #expect(
      NumberLiteral(value: 1, isDuration: true, position: zero) != NumberLiteral(value: 1, position: zero))
  }
}
