import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct CheckDashboardCommandTests {
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

/// Issue 15, points 9 to 12: patterns, fallbacks, broken files and semantics options.
@Suite(.timeLimit(.minutes(2))) struct CheckDashboardFirstHourTests {
  static let tpu = """
    {"title": "T", "panels": [
      {"type": "row", "title": "TPU Utilization by Node", "panels": []},
      {"type": "timeseries", "title": "Node TPU Duty Cycle %",
       "targets": [{"refId": "A", "expr": "sum(ray_tpu_duty_cycle) by (instance) or vector(0)"}]},
      {"type": "timeseries", "title": "Node GPU Usage", "targets": [{"expr": "ray_node_gpus_utilization"}]},
      {"type": "timeseries", "title": "Tasks", "targets": [{"expr": "sum by (State) (ray_tasks)"}]}
    ]}
    """

  @Test func theReadmeExampleMatchesGPUPanelsAndAnUnusedPatternIsWarnedAbout() throws {
    let path = try CheckDashboardCommandTests.file(Self.tpu)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, err) = RayRecTests.run([
      "check", "dashboard", path, CheckDashboardCommandTests.recording, "--allow-empty", "*GPU*",
      "--allow-empty", "GPU*", "--allow-empty", "TPU Utilization by Node / *",
    ])
    #expect(code == 0, "\(out)")
    #expect(out.contains("Node GPU Usage (allowed by glob '*GPU*')"))
    #expect(out.contains("(allowed by glob 'TPU Utilization by Node / *')"))
    #expect(
      err
        == "warning: --allow-empty glob 'GPU*' matched no panel (a glob matches the whole title, with or without its row; for titles containing it: '*GPU*')\n"
    )
  }

  @Test func aPanelShowingOnlyItsFallbackIsNotData() throws {
    let path = try CheckDashboardCommandTests.file(Self.tpu)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["check", "dashboard", path, CheckDashboardCommandTests.recording])
    #expect(code == 1)
    #expect(
      out.contains(
        "  fallback only TPU Utilization by Node / Node TPU Duty Cycle %: only the fallback `vector(0)` of A returns data; metric ray_tpu_duty_cycle is not in the recording\n"
      ), "\(out)")
    #expect(
      out.contains("3 panels: 1 data, 1 no data (0 allowed), 0 errors, 0 skipped, 1 fallback only; 2 failed"))
  }

  @Test func aDashboardThatDoesNotParseIsInTheJUnitReport() throws {
    let bad = try CheckDashboardCommandTests.file("{\"title\": \"x\", \"panels\": [\n")
    let junit = ArchiveCommandsTests.temp("report.xml")
    defer {
      try? FileManager.default.removeItem(atPath: bad)
      try? FileManager.default.removeItem(atPath: junit)
    }
    let (code, out, err) = RayRecTests.run([
      "check", "dashboard", bad, CheckDashboardCommandTests.overview, CheckDashboardCommandTests.recording,
      "--junit", junit,
    ])
    #expect(code == 1)
    #expect(err.hasPrefix("\(bad):2:1: "), "\(err)")
    #expect(out.contains("6 panels: 6 data"), "the other dashboard is still checked")
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(
      xml.contains("<testsuite name=\"\(bad)\" file=\"\(bad)\" tests=\"1\" failures=\"0\" errors=\"1\""))
    #expect(xml.contains("<testcase classname=\"\(bad)\" name=\"dashboard JSON\">"))
    // Alone, it still gets its report.
    try FileManager.default.removeItem(atPath: junit)
    let (alone, _, _) = RayRecTests.run([
      "check", "dashboard", bad, CheckDashboardCommandTests.recording, "--junit", junit,
    ])
    #expect(alone == 1)
    #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("name=\"dashboard JSON\""))
  }

  @Test func compatAndNoStalenessAreAccepted() throws {
    let (code, out, err) = RayRecTests.run([
      "check", "dashboard", CheckDashboardCommandTests.overview, CheckDashboardCommandTests.recording,
      "--compat", "2", "--no-staleness",
    ])
    #expect(code == 0, "\(err)")
    #expect(out.contains("6 panels: 6 data"))
    #expect(
      RayRecTests.run([
        "check", "dashboard", CheckDashboardCommandTests.overview, CheckDashboardCommandTests.recording,
        "--compat", "4",
      ]).0 == 64)
  }
}
