import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ParserDurationsTests {
  func range(_ query: String) throws -> DurationValue? {
    guard case .call(let call) = try Parser.parse(query, options: .all),
      case .matrixSelector(let matrix) = call.args.first
    else { return nil }
    return matrix.range
  }

  @Test func literalsAreFixedDurations() throws {
    #expect(try range("rate(x[90s])") == .fixed(nanoseconds: 90_000_000_000))
    #expect(try range("rate(x[1.5])") == .fixed(nanoseconds: 1_500_000_000))
  }

  @Test func arithmeticIsKeptAsAnExpression() throws {
    guard case .expression(let expr)? = try range("rate(x[2m*(10+5)])") else {
      Issue.record("expected a duration expression")
      return
    }
    #expect(expr.description == "2m * (10 + 5)")
    guard case .binary(.mul, _, .paren) = expr else {
      Issue.record("expected 2m * (...)")
      return
    }
  }

  @Test func offsetTakesASingleOperandUnlessParenthesized() throws {
    #expect(try Parser.parse("x offset 2 ^ 2", options: .all).description == "x offset 2s ^ 2")
    #expect(try Parser.parse("x offset (2 ^ 2)", options: .all).description == "x offset (2 ^ 2)")
    #expect(try Parser.parse("x offset -step()*2", options: .all).description == "x offset -step() * 2")
  }

  @Test(arguments: [
    ("x[5s/0]", "division by zero"), ("x[5s%0]", "modulo by zero"),
    ("x[0]", "duration must be greater than 0"),
    ("x offset NaN", "duration out of range"), ("x[NaN]", "unexpected character in duration expression: 'N'"),
    ("x[1e20]", "duration out of range"),
    (
      "x[step]",
      "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"
    ),
    ("x[5m:0]", "duration must be greater than 0"),
  ])
  func durationErrors(query: String, message: String) {
    do {
      _ = try Parser.parse(query, options: .all)
      Issue.record("parsed \(query)")
    } catch {
      #expect(error.message == message)
    }
  }
}
