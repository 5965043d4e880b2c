import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(1)))
struct ReportCommandTests {
  static let root = CheckDashboardCommandTests.root
  static let recording = CheckDashboardCommandTests.recording
  static let overview = CheckDashboardCommandTests.overview

  static func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-report-\(UUID().uuidString)-\(name)"
    ).path
  }

  @Test func theReportDrawsTheShippedDashboardWithTheAlertTimeline() throws {
    let out = Self.temporary("r.html")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let (code, _, err) = RayRecTests.run([
      "report", Self.recording, "--dashboard", Self.overview, "--rules", Self.root + "/rules/ray.yml", "-o",
      out,
    ])
    #expect(code == 0, "\(err)")
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h2>Alerts</h2>"))
    #expect(html.contains("Tasks by state"))
    #expect(html.contains("class=\"line\""))
    #expect(!html.contains("<script"))
    #expect(err.contains("wrote \(out): 1 dashboards, 6 panels"))
  }

  @Test func anExistingReportIsReplacedOnlyWithForce() throws {
    let out = Self.temporary("r.html")
    defer { try? FileManager.default.removeItem(atPath: out) }
    try Data("keep".utf8).write(to: URL(fileURLWithPath: out))
    let (code, _, err) = RayRecTests.run(["report", Self.recording, "-o", out])
    #expect(code == 1)
    #expect(err.contains("already exists; not overwritten (pass --force to replace it)"))
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep")
    let (forced, _, _) = RayRecTests.run(["report", Self.recording, "-o", out, "--force"])
    #expect(forced == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("3 targets"))
  }

  @Test func withoutAnOutputFileItIsAUsageError() {
    let (code, _, err) = RayRecTests.run(["report", Self.recording])
    #expect(code == 64)
    #expect(err.contains("-o FILE"))
  }

  @Test func checkDashboardWritesTheSameReportBesideItsVerdicts() throws {
    let out = Self.temporary("c.html")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let (code, text, err) = RayRecTests.run([
      "check", "dashboard", Self.overview, Self.recording, "--report", out,
    ])
    #expect(code == 0, "\(err)")
    #expect(text.contains("6 panels: 6 data"))
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.contains("rayrec-areas"))
    #expect(html.contains("Tasks by state"))
  }
}
