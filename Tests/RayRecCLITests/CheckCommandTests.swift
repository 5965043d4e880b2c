import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct CheckCommandTests {
  static func file(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rayrec-check-\(UUID().uuidString).prom").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func validTextPrintsASummaryAndExitsZero() throws {
    let path = try Self.file("# TYPE a counter\na{x=\"1\"} 1\na{x=\"2\"} 2\nb 1\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["check", "metrics", path])
    #expect(code == 0)
    #expect(out == "\(path): ok (text 0.0.4): 2 families, 3 series, 3 samples\n")
  }

  @Test func invalidInputNamesFileLineAndColumn() throws {
    let path = try Self.file("a 1\nb{c=\"d\" 1\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, err) = RayRecTests.run(["check", "metrics", path])
    #expect(code == 1)
    #expect(out.isEmpty)
    #expect(err == "\(path):2:9: expected label name, got \"1\"\n")
  }

  @Test func autoDetectsOpenMetricsAndChecksItStrictly() throws {
    let path = try Self.file("# TYPE a counter\na_total -1\n# EOF\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, err) = RayRecTests.run(["check", "metrics", path])
    #expect(code == 1)
    #expect(err.hasSuffix(":2:1: counter-like sample a_total cannot be negative\n"))
    let (textCode, _, _) = RayRecTests.run(["check", "metrics", "--format", "text", path])
    #expect(textCode == 0)
  }

  @Test func aMissingFileIsADataErrorWithTheErrnoText() {
    let (code, _, err) = RayRecTests.run(["check", "metrics", "/nonexistent/x.prom"])
    #expect(code == 1)
    #expect(err == "/nonexistent/x.prom: No such file or directory\n")
  }
}
