import Foundation
import Testing

@testable import RayRecCLI

@Suite struct CheckDashboardCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let recording = root + "/recordings/ray-2.60-workload.rayrec"
  static let overview = root + "/dashboards/ray-overview.json"

  static func file(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("rayrec-dashboard-\(UUID().uuidString).json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  static let gpu = """
    {"title": "G", "panels": [
      {"type": "timeseries", "title": "Tasks", "targets": [{"expr": "sum by (State) (ray_tasks)"}]},
      {"type": "timeseries", "title": "Node GPU Usage", "targets": [{"expr": "ray_node_gpus_utilization"}]}
    ]}
    """

  @Test func theExampleDashboardPassesOverTheRecording() {
    let (code, out, err) = RayRecTests.run(["check", "dashboard", Self.overview, Self.recording])
    #expect(code == 0, "\(err)")
    #expect(out.contains("  data     Cluster / Tasks by state\n"))
    #expect(out.hasSuffix("  6 panels: 6 data, 0 no data (0 allowed), 0 errors, 0 skipped; 0 failed\n"))
  }

  @Test func aPanelWithoutDataFailsWithItsReason() throws {
    let path = try Self.file(Self.gpu)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["check", "dashboard", path, Self.recording])
    #expect(code == 1)
    #expect(
      out.contains("  no data  Node GPU Usage: metric ray_node_gpus_utilization is not in the recording\n"))
  }

  @Test(arguments: ["Node GPU*", "/GPU/"])
  func allowEmptyLetsAPanelPass(_ pattern: String) throws {
    let path = try Self.file(Self.gpu)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run([
      "check", "dashboard", path, Self.recording, "--allow-empty", pattern,
    ])
    #expect(code == 0)
    #expect(out.contains("(allowed by \(pattern.hasPrefix("/") ? "regex /GPU/" : "glob 'Node GPU*'"))"))
  }

  @Test func badJSONNamesFileLineAndColumn() throws {
    let path = try Self.file("{\"title\": \"x\",\n  \"panels\": [}")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, err) = RayRecTests.run(["check", "dashboard", path, Self.recording])
    #expect(code == 1)
    #expect(out.isEmpty)
    #expect(err == "\(path):2:14: expected a value, found '}'\n")
  }

  @Test func usageErrorsExit64() {
    #expect(RayRecTests.run(["check", "dashboard", Self.overview]).0 == 64)
    #expect(RayRecTests.run(["check", "dashboard", Self.overview, Self.recording, "--var", "x"]).0 == 64)
    #expect(
      RayRecTests.run(["check", "dashboard", Self.overview, Self.recording, "--allow-empty", "/(/"]).0 == 64)
    #expect(
      RayRecTests.run(["check", "dashboard", Self.overview, Self.recording, "--from", "yesterday"]).0 == 64)
  }

  @Test func aMissingArchiveIsADataError() {
    let (code, _, err) = RayRecTests.run(["check", "dashboard", Self.overview, "/nonexistent.rayrec"])
    #expect(code == 1)
    #expect(err.hasPrefix("/nonexistent.rayrec"))
  }

  @Test func variablesCanBeSet() {
    let (code, out, _) = RayRecTests.run([
      "check", "dashboard", Self.overview, Self.recording, "--var", "state=NOPE", "--json",
    ])
    #expect(code == 1)
    #expect(out.contains("\"title\":\"Tasks by state\",\"row\":\"Cluster\",\"id\":2,\"status\":\"no data\""))
    #expect(out.contains("no series of ray_tasks match State=~\\\"NOPE\\\""))
  }

  @Test func writesJUnit() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-\(UUID().uuidString).xml"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, _) = RayRecTests.run(["check", "dashboard", Self.overview, Self.recording, "--junit", path])
    #expect(code == 0)
    let xml = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      xml.contains(
        "<testsuites name=\"rayrec check dashboard\" tests=\"6\" failures=\"0\" errors=\"0\" skipped=\"0\">"))
  }
}
