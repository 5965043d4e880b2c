import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(2)))
struct RulesCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static func file(_ text: String, name: String = "rules.yml") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func checksTheShippedRayRulesAsPromtoolDoes() {
    let path = Self.root + "/rules/ray.yml"
    let (code, out, err) = RayRecTests.run(["rules", "check", path])
    #expect(code == 0)
    #expect(out == "Checking \(path)\n  SUCCESS: 10 rules found\n\n")
    #expect(err.isEmpty)
  }

  @Test(arguments: [
    ("groups:\n\t- name: g\n", "yaml: line 2: found character that cannot start any token"),
    ("groups:\n  - name: g\n   rules: []\n", "yaml: line 3: did not find expected '-' indicator"),
    ("groups:\n  - name: \"g\n", "yaml: line 2: found unexpected end of stream"),
    ("groups: " + String(repeating: "[", count: 10_000), "yaml: line 1: exceeded max depth of 1000"),
    (
      "groups:\n  - name: g\n    team: x\n    rules: []\n",
      "yaml: unmarshal errors:\n  line 3: field team not found in type rulefmt.RuleGroup"
    ),
    (
      "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        annotations:\n          s: \"{{ $labels.x }\"\n",
      "group \"g\", rule 1, \"A\": annotation \"s\": template: __alert_A:1: unexpected \"}\" in operand"
    ),
    (
      "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n",
      "5:15: group \"g\", rule 1, \"A\": could not parse expression: 1:6: parse error: unexpected end of input"
    ),
  ])
  func reportsBadRuleFilesWithTheirPlaceAndExitsOne(text: String, message: String) throws {
    let path = try Self.file(text)
    let (code, out, err) = RayRecTests.run(["rules", "check", path])
    #expect(code == 1)
    #expect(out == "Checking \(path)\n\n")
    #expect(err == "  FAILED:\n\(path): \(message)\n")
  }

  @Test func readsATenMegabyteScalar() throws {
    let path = try Self.file(
      "groups:\n  - name: " + String(repeating: "x", count: 10_000_000) + "\n    rules: []\n")
    let (code, _, _) = RayRecTests.run(["rules", "check", path])
    #expect(code == 0)
  }

  @Test func reportsDuplicateRulesAsALintErrorThatExitsZeroUnlessFatal() throws {
    let path = try Self.file(
      "groups:\n  - name: g\n    rules:\n      - {record: x, expr: up}\n      - {record: x, expr: up}\n")
    let (code, _, err) = RayRecTests.run(["rules", "check", path])
    #expect(code == 0)
    #expect(err.hasPrefix("  FAILED:\nlint error 1 duplicate rule(s) found.\nMetric: x\n"))
    #expect(RayRecTests.run(["rules", "check", "--lint-fatal", path]).0 == 3)
    #expect(RayRecTests.run(["rules", "check", "--lint", "none", path]).0 == 0)
  }

  @Test func printsTheAlertTimelineOfARecording() {
    let (code, out, _) = RayRecTests.run([
      "rules", "eval", Self.root + "/rules/ray.yml", Self.root + "/recordings/actor-crash-loop.rayrec",
    ])
    #expect(code == 0)
    #expect(
      out.contains(
        "  {alertname=\"RayActorCrashLoop\", ray_io_cluster=\"crashloop\", severity=\"warning\"}\n"))
    #expect(
      out.contains("pending 2026-11-25T12:05:30Z (+5m29.611s)  ->  firing 2026-11-25T12:07:30Z (+7m29.611s)"))
    #expect(out.contains("never pending: RayObjectStoreNearFull"))
    #expect(out.contains("  ray_io_cluster:worker_failures:increase5m: 1 series"))
  }

  @Test func printsTheTimelineAsJSON() throws {
    let (code, out, _) = RayRecTests.run([
      "rules", "eval", "--json", Self.root + "/rules/ray.yml", Self.root + "/recordings/node-loss.rayrec",
    ])
    #expect(code == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    let alerts = try #require(object["alerts"] as? [[String: Any]])
    #expect(
      alerts.compactMap { $0["alertname"] as? String }.sorted() == ["RayNodeLost", "RayScrapeTargetDown"])
  }

  @Test func refusesAnEvalWithoutARecording() {
    #expect(RayRecTests.run(["rules", "eval", Self.root + "/rules/ray.yml"]).0 == 64)
  }

  @Test func runsTheShippedRuleTestsAsPromtoolWould() {
    for name in ["ray.test.yml", "ray-recordings.test.yml"] {
      let path = Self.root + "/rules/" + name
      let (code, out, err) = RayRecTests.run(["test", "rules", path])
      #expect(code == 0, "\(err)")
      #expect(out == "Unit Testing:  \(path)\n  SUCCESS\n\n")
    }
  }

  @Test func failsTheMistakesSuiteAndPicksGroupsWithRun() {
    let path = Self.root + "/examples/rules/mistakes.test.yml"
    let (code, _, err) = RayRecTests.run(["test", "rules", path])
    #expect(code == 1)
    #expect(
      err.hasPrefix(
        "  FAILED:\n    expr: \"node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes\", time: 5m,\n"))
    let node = Self.root + "/examples/rules/node.test.yml"
    #expect(RayRecTests.run(["test", "rules", "--run", "cpu", node]).0 == 0)
  }

  @Test func writesAJUnitReportOfEachTestGroup() throws {
    let junit = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-\(UUID().uuidString).xml"
    ).path
    defer { try? FileManager.default.removeItem(atPath: junit) }
    let path = Self.root + "/examples/rules/mistakes.test.yml"
    #expect(RayRecTests.run(["test", "rules", "--junit", junit, path]).0 == 1)
    let xml = try String(contentsOfFile: junit, encoding: .utf8)
    #expect(xml.contains("<testcase classname=\"\(path)\" name=\"forgets that for delays firing\""))
    #expect(xml.contains("failures=\"5\""))
  }

  @Test func reportsAMissingTestFile() {
    let (code, _, err) = RayRecTests.run(["test", "rules", "/nonexistent/t.yml"])
    #expect(code == 1)
    #expect(err.contains("/nonexistent/t.yml"))
  }

  @Test func queryReadsRecordingRuleSeriesWithRules() {
    let recording = Self.root + "/recordings/actor-crash-loop.rayrec"
    let expr = "ray_io_cluster:worker_failures:increase5m"
    let (_, without, _) = RayRecTests.run(["query", recording, expr, "--time", "+10m"])
    #expect(without.contains("empty result"))
    let (code, out, _) = RayRecTests.run([
      "query", recording, expr, "--time", "+10m", "--rules", Self.root + "/rules/ray.yml",
    ])
    #expect(code == 0)
    #expect(
      out.hasPrefix(
        "{__name__=\"ray_io_cluster:worker_failures:increase5m\", ray_io_cluster=\"crashloop\"}  "))
    let (_, alerts, _) = RayRecTests.run([
      "query", recording, "ALERTS{alertstate=\"firing\"}", "--time", "+10m", "--rules",
      Self.root + "/rules/ray.yml",
    ])
    #expect(alerts.contains("alertname=\"RayActorCrashLoop\""))
  }

  @Test func checkDashboardSeesRecordingRuleSeriesWithRules() throws {
    let dashboard = try Self.file(
      """
      {"title": "Rules", "panels": [{"id": 1, "type": "timeseries", "title": "Failures",
        "targets": [{"refId": "A", "expr": "ray_io_cluster:worker_failures:increase5m"}]}]}
      """, name: "rules-dashboard.json")
    let recording = Self.root + "/recordings/actor-crash-loop.rayrec"
    #expect(RayRecTests.run(["check", "dashboard", dashboard, recording]).0 == 1)
    let (code, out, err) = RayRecTests.run([
      "check", "dashboard", dashboard, recording, "--rules", Self.root + "/rules/ray.yml",
    ])
    #expect(code == 0, "\(out)\(err)")
  }

  @Test func aBadRulesFileStopsTheQueryWithItsPlace() throws {
    let rules = try Self.file("groups:\n  - name: g\n    rules:\n      - record: x\n        expr: sum(\n")
    let (code, _, err) = RayRecTests.run([
      "query", Self.root + "/recordings/actor-crash-loop.rayrec", "up", "--rules", rules,
    ])
    #expect(code == 1)
    #expect(err.contains("\(rules): 5:15: group \"g\", rule 1, \"x\": could not parse expression"))
  }

  @Test func diffShowsWhichAnnotationDiffers() {
    let path = Self.root + "/examples/rules/mistakes.test.yml"
    let (_, _, err) = RayRecTests.run(["test", "rules", "--diff", "--run", "annotation", path])
    let expected = [
      "        diff (- expected, + firing):",
      "              {alertname=\"NodeMemoryMajorPagesFaults\", instance=\"h:9100\", job=\"node\", severity=\"warning\"}",
      "            -   summary: \"Memory major page faults are occurring at a very high rate: 1000/s.\"",
      "            +   summary: \"Memory major page faults are occurring at a very high rate: 1k/s.\"",
    ]
    #expect(err.contains(expected.joined(separator: "\n")))
  }
}
