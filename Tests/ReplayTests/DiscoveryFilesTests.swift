import Archive
import Foundation
import HTTP
import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct DiscoveryFilesTests {
  let served: [DiscoveryFiles.Served] = [
    (
      SocketAddress(host: "127.0.0.1", port: 28080)!,
      ArchiveTarget(
        id: 0, url: "http://10.0.0.1:8080/metrics", job: "ray", labels: [.init("ray_io_cluster", "c\"1")])
    ),
    (
      SocketAddress(host: "127.0.0.2", port: 28080)!,
      ArchiveTarget(id: 1, url: "http://10.0.0.2:8080/", job: "ray")
    ),
  ]

  @Test func fileSDSetsTheOriginalInstanceJobAndLabels() {
    #expect(
      DiscoveryFiles.fileSD(served) == """
        [
          {"targets": ["127.0.0.1:28080"], "labels": {"instance": "10.0.0.1:8080", "job": "ray", "ray_io_cluster": "c\\"1"}},
          {"targets": ["127.0.0.2:28080"], "labels": {"instance": "10.0.0.2:8080", "job": "ray"}}
        ]

        """)
    #expect(DiscoveryFiles.fileSD([]) == "[]\n")
  }

  @Test func raySDListsEveryAddressUnderJobRay() {
    #expect(
      DiscoveryFiles.raySD(served)
        == "[{\"labels\": {\"job\": \"ray\"}, \"targets\": [\"127.0.0.1:28080\", \"127.0.0.2:28080\"]}]\n")
  }

  @Test func bothFormatsAreValidJSON() throws {
    for text in [DiscoveryFiles.fileSD(served), DiscoveryFiles.raySD(served)] {
      _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
  }

  @Test func writingReplacesTheFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rr-sd-\(UUID().uuidString).json"
    )
    .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try DiscoveryFiles.write("one", to: path)
    try DiscoveryFiles.write("two", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
    #expect(throws: ReplayError.self) { try DiscoveryFiles.write("x", to: "/nonexistent-dir/x.json") }
  }
}
