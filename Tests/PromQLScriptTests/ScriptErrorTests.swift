import PromQLScript
import Testing

struct ScriptErrorTests {
  @Test func describesItselfAsFileLineMessage() {
    #expect(
      ScriptError(file: "a.test", line: 7, message: "invalid command").description
        == "a.test:7: invalid command")
  }
}
