import Testing

@testable import Recorder

@Suite(.timeLimit(.minutes(5))) struct FileDiscoveryTests {
  @Test func readsRaysDiscoveryFile() throws {
    let json =
      #"[{"labels": {"job": "ray"}, "targets": ["127.0.0.1:8080", "127.0.0.1:44217", "127.0.0.1:44227"]}]"#
    let targets = try FileDiscovery.targets(json: Array(json.utf8), path: "sd.json", defaultJob: "rayrec")
    #expect(targets.map(\.address) == ["127.0.0.1:8080", "127.0.0.1:44217", "127.0.0.1:44227"])
    #expect(targets.allSatisfy { $0.job == "ray" && $0.labels.isEmpty })
  }

  @Test func metaLabelsShapeTheURLAndAreDropped() throws {
    let json = #"[{"targets": ["a:1"], "labels": {"__metrics_path__": "/m", "__meta_x": "y", "zone": "z"}}]"#
    let targets = try FileDiscovery.targets(json: Array(json.utf8), path: "sd.json", defaultJob: "d")
    #expect(targets == [ScrapeTarget(address: "a:1", url: "http://a:1/m", job: "d", labels: ["zone": "z"])])
  }

  @Test(arguments: [
    ("{", "sd.json: invalid JSON"),
    ("{}", "sd.json: expected a JSON array of target groups"),
    ("[1]", "sd.json: group 0: expected an object"),
    (#"[{"labels": {}}]"#, "sd.json: group 0: expected \"targets\""),
    (
      #"[{"targets": ["a:1"], "labels": {"x": 1}}]"#,
      "sd.json: group 0: \"labels\" must map strings to strings"
    ),
    (#"[{"targets": ["nope"]}]"#, "invalid target 'nope'"),
  ])
  func badFilesNameTheProblem(json: String, message: String) {
    do {
      _ = try FileDiscovery.targets(json: Array(json.utf8), path: "sd.json", defaultJob: "d")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error)")
    }
  }
}
