import Foundation
import Testing

@testable import RayRecCLI

/// `rayrec diff`: what changed between two recordings and which panels it breaks, checked
/// against golden text for a Ray version change (seed profile to ray-2.60) and for two incidents
/// of one version.
@Suite(.timeLimit(.minutes(3))) struct DiffCommandTests {
  static let root = UnfinishedArchiveCommandTests.root
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")

  static func diff(_ a: String, _ b: String, _ extra: [String] = []) -> (Int32, String, String) {
    let (code, out, err) = RayRecTests.run(
      ["diff", root + "/recordings/\(a).rayrec", root + "/recordings/\(b).rayrec"] + extra)
    return (code, out.replacingOccurrences(of: root + "/", with: ""), err)
  }

  @Test(arguments: [("seed-healthy", "actor-crash-loop"), ("actor-crash-loop", "node-loss")])
  func listsExactlyTheChangedFamiliesAndPanels(_ a: String, _ b: String) throws {
    let (code, out, err) = Self.diff(a, b, ["--dashboard", Self.root + "/dashboards/ray-overview.json"])
    #expect(code == 0, "\(err)")
    let expected = try String(
      contentsOf: Self.golden.appendingPathComponent("diff-\(a)-\(b).txt"), encoding: .utf8)
    #expect(out == expected)
  }

  @Test func aVersionChangeNamesTheMissingMetricBehindAnEmptyPanel() {
    let (_, out, _) = Self.diff(
      "seed-healthy", "actor-crash-loop", ["--dashboard", Self.root + "/dashboards/ray-overview.json"])
    #expect(
      out.contains("Tasks by state: no data -> data: over A: metric ray_tasks is not in the recording"),
      "\(out)")
    #expect(out.contains("metric families only in A (5):\n  ray_actor_restarts\n"))
  }

  @Test func aRecordingAgainstItselfHasNoDifferences() {
    let (code, out, _) = Self.diff("seed-healthy", "seed-healthy", ["--exit-code"])
    #expect(code == 0)
    #expect(out.hasSuffix("no differences\n"))
    #expect(Self.diff("seed-healthy", "node-loss", ["--exit-code"]).0 == 1)
  }

  @Test func jsonListsTheSameChanges() throws {
    let (code, out, _) = Self.diff("actor-crash-loop", "node-loss", ["--json"])
    #expect(code == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    #expect(object["targets_only_in_b"] as? [String] == ["ray 127.0.0.3:8080", "ray 127.0.0.4:8080"])
    #expect((object["series_count_changed"] as? [[String: String]])?.contains { $0["name"] == "up" } == true)
    #expect(object["factor"] as? Double == 10)
  }

  @Test func badArgumentsAreUsageOrDataErrors() {
    #expect(Self.diff("seed-healthy", "node-loss", ["--factor", "1"]).0 == 64)
    #expect(Self.diff("seed-healthy", "node-loss", ["--factor", "x"]).0 == 64)
    #expect(Self.diff("seed-healthy", "no-such").0 == 1)
    #expect(Self.diff("seed-healthy", "node-loss", ["--dashboard", "/nonexistent.json"]).0 == 1)
  }
}
