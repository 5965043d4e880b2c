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
}
