import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct PromQLTestCommandTests {
  static let script = """
    load 5m
      http_requests{job="api"} 0+10x10
      http_requests{job="db"} 0+20x10

    eval instant at 50m sum(http_requests)
      {} 300

    eval instant at 50m sum by (job) (http_requests)
      {job="api"} 100
      {job="db"} 999

    """

  @Test func failuresNameFileLineExpectedAndGotAndTheLastLineCounts() throws {
    let path = ArchiveCommandsTests.temp("t.test")
    try Data(Self.script.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, err) = RayRecTests.run(["promql-test", path])
    #expect(code == 1)
    let text = out + err
    #expect(text.contains("\(path):8:"), "\(text)")
    #expect(text.contains("999"))
    #expect(text.contains("200"))
    #expect(out.hasSuffix("1 passed, 1 failed, 0 skipped\n"), "\(out)")
  }

  @Test func aPassingScriptExitsZero() throws {
    let path = ArchiveCommandsTests.temp("ok.test")
    try Data(Self.script.replacingOccurrences(of: "999", with: "200").utf8).write(
      to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["promql-test", path])
    #expect(code == 0)
    #expect(out.hasSuffix("2 passed, 0 failed, 0 skipped\n"), "\(out)")
  }

  @Test func aMissingFileIsADataError() {
    let (code, _, err) = RayRecTests.run(["promql-test", "/nonexistent.test"])
    #expect(code == 1)
    #expect(err.contains("/nonexistent.test"))
  }
}
