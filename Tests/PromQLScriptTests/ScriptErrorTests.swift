import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct ScriptErrorTests {
  @Test func describesItselfAsFileLineMessage() {
    #expect(
      ScriptError(file: "a.test", line: 7, message: "invalid command").description
        == "a.test:7: invalid command")
  }
}
