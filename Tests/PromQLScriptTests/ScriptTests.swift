import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptTests {
  @Test func readsCommandsWithTheirLineNumbers() throws {
    let script = try Script.parse(
      """
      # a comment
      load 1m
        m{a="1"} 1 2
        m{a="1"} 3 4

      clear
      load_with_nhcb 30s
        h_bucket{le="1"} 1
      """, file: "s.test")
    #expect(script.commands.map(\.line) == [2, 6, 7])
    guard case .load(let load) = script.commands[0], case .load(let nhcb) = script.commands[2] else {
      Issue.record("expected loads")
      return
    }
    #expect(load.interval == 60_000 && !load.withNHCB)
    // The second line for the same series replaces the first.
    #expect(load.series.count == 1 && load.series[0].values == [3, 4])
    #expect(nhcb.withNHCB && nhcb.interval == 30_000)
  }

  @Test func aCommentEndsABlock() {
    #expect(throws: ScriptError(file: "s.test", line: 4, message: "invalid command \"b\"")) {
      try Script.parse("load 1m\n  a 1\n# stop\n  b 2\n", file: "s.test")
    }
  }

  @Test func remembersStartTimestampLines() throws {
    let script = try Script.parse("load 1m\n  m@st 0 0\n  m 1 2\n", file: "s.test")
    guard case .load(let load) = script.commands.first else {
      Issue.record("expected a load")
      return
    }
    #expect(load.startTimestampSeries == [Labels(["__name__": "m"])])
    #expect(load.series.count == 1)
  }

  @Test func reportsBadSyntaxWithFileAndLine() {
    #expect(throws: ScriptError(file: "s.test", line: 2, message: "invalid command \"lod\"")) {
      try Script.parse("\nlod 1m\n", file: "s.test")
    }
    #expect(throws: ScriptError.self) { try Script.parse("load x\n", file: "s.test") }
    #expect(throws: ScriptError(file: "s.test", line: 3, message: "invalid value 'q' in series 'a'")) {
      try Script.parse("load 1m\n  a 1\n  a q\n", file: "s.test")
    }
  }
}
