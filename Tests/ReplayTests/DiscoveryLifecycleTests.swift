import Foundation
import HTTP
import Testing

@testable import RayRecCLI

/// Issue 15, points 5 and 6: discovery files are emptied on exit, and a port that cannot be used
/// (or a --map that names nothing) is an error that says which target and how to move it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DiscoveryLifecycleTests {
  func run(_ arguments: [String]) -> (Int32, String, String) {
    var console = Console(passthrough: false)
    let code = RayRecCLI.run(arguments, console: &console)
    return (code, console.outText, console.errText)
  }

  static let maps = ["--map", "10.0.0.1:8080=127.0.0.1:0", "--map", "10.0.0.2:8080=127.0.0.1:0"]

  static func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rayrec-\(UUID().uuidString)-\(name)").path
  }

  /// A one-node scenario of the seed profile (raylet, dashboard, GCS on 127.0.0.1).
  static func scenario() throws -> String {
    let path = temp("one.scn")
    let text = """
      scenario "one node"
      profile seed
      start 2026-11-25T12:00:00Z
      duration 20s
      interval 5s
      node head 127.0.0.1 head cpus=4 memory=8GiB object-store=2GiB

      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// A listener holding some free port on 127.0.0.1.
  static func occupy() throws -> (HTTPServer, UInt16) {
    let server = try HTTPServer(handler: HTTPHandlerClosure { _, _ in .response(HTTPResponse(body: [])) })
    return (server, try server.start([SocketAddress(host: "127.0.0.1", port: 0)!])[0].address.port)
  }

  @Test func replayEmptiesItsDiscoveryFilesWhenItEnds() throws {
    let archive = try ReplayCommandTests.archivePath()
    let sd = Self.temp("sd.json")
    let ray = Self.temp("ray.json")
    defer { for path in [archive, sd, ray] { try? FileManager.default.removeItem(atPath: path) } }
    let (code, _, err) = run(
      ["replay", archive, "--speed", "1000x", "--sd-file", sd, "--ray-sd-file", ray] + Self.maps)
    #expect(code == 0, "\(err)")
    #expect(try String(contentsOfFile: sd, encoding: .utf8) == "[]\n")
    #expect(
      try String(contentsOfFile: ray, encoding: .utf8)
        == "[{\"labels\": {\"job\": \"ray\"}, \"targets\": []}]\n")
    #expect(!FileManager.default.fileExists(atPath: sd + ".tmp"))
  }

  @Test func keepSDFileLeavesTheTargetsListed() throws {
    let archive = try ReplayCommandTests.archivePath()
    let sd = Self.temp("sd.json")
    defer { for path in [archive, sd] { try? FileManager.default.removeItem(atPath: path) } }
    let (code, _, _) = run(
      ["replay", archive, "--speed", "1000x", "--sd-file", sd, "--keep-sd-file"] + Self.maps)
    #expect(code == 0)
    #expect(try String(contentsOfFile: sd, encoding: .utf8).contains("\"instance\": \"10.0.0.1:8080\""))
  }

  @Test func simulateEmptiesItsDiscoveryFileWhenItEnds() throws {
    let scenario = try Self.scenario()
    let sd = Self.temp("sd.json")
    defer { for path in [scenario, sd] { try? FileManager.default.removeItem(atPath: path) } }
    // A random offset may land on a port another process holds: try a few.
    var offset = 0
    var (code, out, err): (Int32, String, String) = (1, "", "")
    for _ in 0..<5 {
      offset = Int.random(in: 20_000..<30_000)
      (code, out, err) = run([
        "simulate", scenario, "--speed", "100", "--port-offset", "\(offset)", "--sd-file", sd,
      ])
      if !err.contains("in use") { break }
    }
    #expect(code == 0, "\(err)")
    #expect(out.contains("head raylet: http://127.0.0.1:\(8265 + offset)/metrics"))
    #expect(try String(contentsOfFile: sd, encoding: .utf8) == "[]\n")
  }

  @Test func simulateSaysWhichTargetCannotListenAndHowToMoveIt() throws {
    let scenario = try Self.scenario()
    defer { try? FileManager.default.removeItem(atPath: scenario) }
    let (busy, port) = try Self.occupy()
    defer { Task { await busy.stop() } }
    let (code, out, err) = run(["simulate", scenario, "--port-offset", "\(Int(port) - 8265)"])
    #expect(code == 1)
    #expect(out.isEmpty, "no plan is printed for a server that did not start")
    #expect(err.hasPrefix("cannot listen on 127.0.0.1:\(port) for head raylet (127.0.0.1:8265): "), "\(err)")
    #expect(err.contains("move it with --port-offset N (every port +N), --map 127.0.0.1:8265=127.0.0.1:PORT"))
  }

  @Test func replaySaysWhichTargetCannotListenAndHowToMoveIt() throws {
    let archive = try ReplayCommandTests.archivePath()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let (busy, port) = try Self.occupy()
    defer { Task { await busy.stop() } }
    let (code, _, err) = run([
      "replay", archive, "--map", "10.0.0.1:8080=127.0.0.1:\(port)", "--map", "10.0.0.2:8080=127.0.0.1:0",
    ])
    #expect(code == 1)
    #expect(err.contains("cannot listen on 127.0.0.1:\(port): "), "\(err)")
    #expect(err.contains("(serving target 10.0.0.1:8080); move it with --port-offset N"))
    #expect(err.contains("--map 10.0.0.1:8080=127.0.0.1:PORT"))
  }

  @Test func aMapNamingNoTargetIsAUsageError() throws {
    let archive = try ReplayCommandTests.archivePath()
    let scenario = try Self.scenario()
    defer { for path in [archive, scenario] { try? FileManager.default.removeItem(atPath: path) } }
    let (code, _, err) = run(["replay", archive, "--map", "10.0.0.9:8080=127.0.0.1:0"])
    #expect(code == 64)
    #expect(
      err.contains("no target 10.0.0.9:8080 in the recording (its targets: 10.0.0.1:8080, 10.0.0.2:8080)"))
    let (simulateCode, _, simulateErr) = run(["simulate", scenario, "--map", "10.0.0.9:1=127.0.0.1:5000"])
    #expect(simulateCode == 64)
    #expect(
      simulateErr.contains("--map: no endpoint 10.0.0.9:1 in the scenario (its endpoints: 127.0.0.1:8265"))
  }
}
