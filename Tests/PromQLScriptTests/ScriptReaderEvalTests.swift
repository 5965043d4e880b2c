import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptReaderEvalTests {
  func eval(_ text: String) throws -> EvalCommand {
    guard case .eval(let eval) = try Script.parse(text, file: "e.test").commands.first else {
      throw ScriptError(file: "e.test", line: 1, message: "no eval")
    }
    return eval
  }

  @Test func readsInstantAndRangeHeaders() throws {
    let instant = try eval("eval instant at 1m30s sum(x)  by (a)\n  {a=\"1\"} 2\n")
    #expect(instant.kind == .instant(at: 90_000))
    #expect(instant.expression == "sum(x)  by (a)")
    #expect(instant.expectedSeries.map(\.labels) == [Labels(["a": "1"])])
    let range = try eval("eval range from 0 to 2m step 1m x\n  x 1 _ 3\n")
    #expect(range.kind == .range(start: 0, end: 120_000, step: 60_000))
    #expect(range.expectedSeries.first?.values == [1, nil, 3])
  }

  @Test func readsExpectLines() throws {
    #expect(try eval("eval instant at 0 x\n  expect fail\n").failure == .any)
    #expect(try eval("eval instant at 0 x\n  expect fail msg:bad thing\n").failure == .message("bad thing"))
    #expect(try eval("eval instant at 0 x\n  expect fail regex: a.c\n").failure == .regex("a.c"))
    #expect(try eval("eval_fail instant at 0 x\n  expected_fail_message oops\n").failure == .message("oops"))
    #expect(try eval("eval_ordered instant at 0 x\n").ordered)
    #expect(try eval("eval instant at 0 x\n  expect ordered\n").ordered)
    #expect(try eval("eval instant at 0 x\n  expect warn\n  expect no_info\n").expectsWarning)
    #expect(try eval("eval instant at 0 \"a\"\n  expect string \"a\\\"b\"\n").expectedString == "a\"b")
    let vector = try eval("eval instant at 0 x[1m]\n  expect range vector from 0 to 1m step 30s\n  x 1 2 3\n")
    #expect(vector.rangeVector?.end == 60_000 && vector.expectedSeries.first?.values == [1, 2, 3])
  }

  @Test func readsAScalarResultLine() throws {
    #expect(try eval("eval instant at 0 1+1\n  2\n").expectedScalar == 2)
    #expect(try eval("eval instant at 0 31\n  0x1f\n").expectedScalar == 31)
  }

  @Test func rejectsMalformedEvals() {
    #expect(throws: ScriptError.self) { try eval("eval instant at x up\n") }
    #expect(throws: ScriptError.self) { try eval("eval instant at 0\n") }
    #expect(throws: ScriptError.self) { try eval("eval range from 2m to 1m step 1m up\n") }
    #expect(throws: ScriptError.self) { try eval("eval_ordered range from 0 to 1m step 1m up\n") }
    #expect(
      throws: ScriptError(file: "e.test", line: 2, message: "expected exactly one value for an instant query")
    ) {
      try eval("eval instant at 0 up\n  up 1 2\n")
    }
    #expect(throws: ScriptError.self) { try eval("eval instant at 0 up\n  expect sometimes\n") }
  }
}
