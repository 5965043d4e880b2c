import Foundation
import Glibc
import Testing

@testable import RayRecCLI

/// Issue 20, §3 point 1: replay and simulate keep their discovery files through temporaries that
/// never follow a symlink planted at a predictable name (`<path>.tmp`, `<path>.partial-PID`), so
/// such a link cannot make them overwrite the file it points to.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PlantedSymlinkTests {
  /// A directory holding `victim` ("precious") and, beside `names`, links to it at the names the
  /// old writers used.
  static func plant(_ names: [String]) throws -> (dir: String, victim: String) {
    let dir = DiscoveryLifecycleTests.temp("planted")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let victim = dir + "/victim"
    try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
    for name in names {
      for planted in [name + ".tmp", name + ".partial-\(getpid())"] {
        try FileManager.default.createSymbolicLink(atPath: dir + "/" + planted, withDestinationPath: victim)
      }
    }
    return (dir, victim)
  }

  @Test func replayNeverWritesThroughALinkBesideItsDiscoveryFiles() throws {
    let archive = try ReplayCommandTests.archivePath()
    let (dir, victim) = try Self.plant(["sd.json", "ray.json"])
    defer { for path in [archive, dir] { try? FileManager.default.removeItem(atPath: path) } }
    let (code, _, err) = DiscoveryLifecycleTests().run(
      [
        "replay", archive, "--speed", "1000x", "--sd-file", dir + "/sd.json", "--ray-sd-file",
        dir + "/ray.json",
      ] + DiscoveryLifecycleTests.maps)
    #expect(code == 0, "\(err)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    #expect(try String(contentsOfFile: dir + "/sd.json", encoding: .utf8) == "[]\n")
    #expect(
      try String(contentsOfFile: dir + "/ray.json", encoding: .utf8)
        == "[{\"labels\": {\"job\": \"ray\"}, \"targets\": []}]\n")
  }

  @Test func simulateNeverWritesThroughALinkBesideItsDiscoveryFile() throws {
    let scenario = try DiscoveryLifecycleTests.scenario()
    let (dir, victim) = try Self.plant(["sd.json"])
    let sd = dir + "/sd.json"
    defer { for path in [scenario, dir] { try? FileManager.default.removeItem(atPath: path) } }
    var (code, out, err): (Int32, String, String) = (1, "", "")
    // A random offset may land on a port another process holds: try a few.
    for _ in 0..<5 {
      let offset = Int.random(in: 20_000..<30_000)
      (code, out, err) = DiscoveryLifecycleTests().run([
        "simulate", scenario, "--speed", "100", "--port-offset", "\(offset)", "--sd-file", sd,
        "--keep-sd-file",
      ])
      if !err.contains("in use") { break }
    }
    #expect(code == 0, "\(err)")
    #expect(out.contains("head raylet: http://127.0.0.1:"))
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    var info = stat()
    #expect(lstat(sd, &info) == 0 && Int(info.st_mode) & Int(S_IFMT) == Int(S_IFREG), "a file, not a link")
    #expect(try String(contentsOfFile: sd, encoding: .utf8).contains("\"127.0.0.1:"))
  }
}
