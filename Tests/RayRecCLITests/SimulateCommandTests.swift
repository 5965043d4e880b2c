import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct SimulateCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func aBadScenarioIsOneErrorWithItsPositionAndNothingIsWritten() throws {
    let scenario = ArchiveCommandsTests.temp("bad.scn")
    try Data("scenario \"x\"\nprofile seed\nduration 5 minutes\n".utf8).write(
      to: URL(fileURLWithPath: scenario))
    let out = ArchiveCommandsTests.temp("bad.rayrec")
    defer { try? FileManager.default.removeItem(atPath: scenario) }
    let (code, stdout, err) = RayRecTests.run(["record", "--scenario", scenario, "-o", out])
    #expect(code == 1)
    #expect(stdout.isEmpty)
    #expect(err.hasPrefix("\(scenario):3:"), "\(err)")
    #expect(err.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: out))
    let (simulateCode, _, simulateErr) = RayRecTests.run(["simulate", scenario])
    #expect(simulateCode == 1)
    #expect(simulateErr.hasPrefix("\(scenario):3:"))
  }

  @Test func everyShippedScenarioRecordsInVirtualTime() throws {
    let dir = Self.root.appendingPathComponent("scenarios")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".scn") }
    #expect(files.count >= 7)
    for file in files where file != "large-100-nodes.scn" {
      let out = ArchiveCommandsTests.temp("\(file).rayrec")
      defer { try? FileManager.default.removeItem(atPath: out) }
      // Ten minutes of each is enough to exercise it; the shipped recordings cover the whole.
      let (code, stdout, err) = RayRecTests.run([
        "record", "--scenario", dir.appendingPathComponent(file).path, "-o", out, "--duration", "10m",
      ])
      #expect(code == 0, "\(file): \(err)")
      #expect(stdout.contains(" frames ("), "\(file)")
      #expect(RayRecTests.run(["verify", out]).0 == 0, "\(file)")
    }
  }

  @Test func speedMustBePositive() throws {
    let (code, _, err) = RayRecTests.run(["simulate", "x.scn", "--speed", "fast"])
    #expect(code == 64)
    #expect(err.contains("--speed"))
  }

  /// Issue 20, §3 point 3: a scenario naming addresses that are not loopback (`0.0.0.0` would be
  /// every interface) is served on loopback, with a warning that says where and how to allow it.
  @Test func addressesThatAreNotLoopbackAreServedOnLoopbackWithAWarning() throws {
    let scenario = ArchiveCommandsTests.temp("wide.scn")
    try Data(
      """
      scenario "wide"
      profile seed
      start 2026-11-25T12:00:00Z
      duration 10s
      interval 5s
      node head 192.0.2.1 head cpus=4 memory=8GiB object-store=2GiB
      node w1 0.0.0.0 cpus=4 memory=8GiB object-store=2GiB

      """.utf8
    ).write(to: URL(fileURLWithPath: scenario))
    defer { try? FileManager.default.removeItem(atPath: scenario) }
    var (code, out, err, offset): (Int32, String, String, Int) = (1, "", "", 0)
    // A random offset may land on a port another process holds: try a few.
    for _ in 0..<5 {
      offset = Int.random(in: 20_000..<30_000)
      (code, out, err) = RayRecTests.run([
        "simulate", scenario, "--speed", "100", "--port-offset", "\(offset)",
      ])
      if !err.contains("in use") { break }
    }
    #expect(code == 0, "\(err)")
    #expect(out.contains("head raylet: http://127.0.0.1:\(8265 + offset)/metrics"), "\(out)")
    #expect(out.contains("head gcs: http://127.0.0.1:\(8126 + offset)/metrics"), "\(out)")
    // The head already holds the raylet port on 127.0.0.1: the worker gets the next loopback address.
    #expect(out.contains("w1 raylet: http://127.0.0.2:\(8265 + offset)/metrics"), "\(out)")
    #expect(
      err.contains(
        "warning: 192.0.2.1 (node head) is not a loopback address; served on 127.0.0.1 instead (--bind 192.0.2.1 serves every endpoint there"
      ), "\(err)")
    #expect(err.contains("warning: 0.0.0.0 (node w1) is not a loopback address; served on 127.0.0.2 instead"))
  }
}
