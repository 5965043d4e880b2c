import Archive
import Foundation
import Testing

@testable import RayRecCLI

/// `slice` and `merge`: a recording cut at any time and joined back is the same recording.
@Suite(.timeLimit(.minutes(3))) struct FixtureCommandsTests {
  static let root = UnfinishedArchiveCommandTests.root

  /// Every target's frames by URL, target ids left out (they are renumbered by a merge).
  static func framesByTarget(_ path: String) throws -> [String: [Frame]] {
    let reader = try ArchiveReader(path: path)
    var byURL: [String: [Frame]] = [:]
    var cursor = reader.makeCursor()
    while var frame = try cursor.next() {
      let url = reader.targets.first { $0.id == frame.targetID }?.url ?? "?"
      frame.targetID = 0
      byURL[url, default: []].append(frame)
    }
    return byURL
  }

  @Test(arguments: ["seed-healthy.rayrec", "ray-2.60-workload.rayrec", "scrape-faults.rayrec"])
  func slicesCutAtOneTimeMergeBackToTheRecording(_ name: String) throws {
    let original = Self.root + "/recordings/" + name
    let (first, second, merged) = (
      ArchiveCommandsTests.temp("a.rayrec"), ArchiveCommandsTests.temp("b.rayrec"),
      ArchiveCommandsTests.temp("m.rayrec")
    )
    defer { for path in [first, second, merged] { try? FileManager.default.removeItem(atPath: path) } }
    let (c1, _, e1) = RayRecTests.run(["slice", original, "--to", "+2m", "-o", first])
    let (c2, _, e2) = RayRecTests.run(["slice", original, "--from", "+2m", "-o", second])
    #expect(c1 == 0 && c2 == 0, "\(e1) \(e2)")
    let (c3, out, e3) = RayRecTests.run(["merge", first, second, "-o", merged])
    #expect(c3 == 0, "\(e3)")
    #expect(out.contains("joined from several inputs"))
    let before = try Self.framesByTarget(original)
    #expect(try Self.framesByTarget(first).values.map(\.count).reduce(0, +) > 0)
    #expect(try Self.framesByTarget(second).values.map(\.count).reduce(0, +) > 0)
    #expect(try Self.framesByTarget(merged) == before)
    #expect(try ArchiveReader(path: merged).verify().isClean)
  }

  @Test func slicingByTargetKeepsOnlyItsFramesAndMergingPutsTargetsSideBySide() throws {
    let original = Self.root + "/recordings/seed-healthy.rayrec"
    let reader = try ArchiveReader(path: original)
    #expect(reader.targets.count >= 2)
    var parts: [String] = []
    defer { for path in parts { try? FileManager.default.removeItem(atPath: path) } }
    for target in reader.targets {
      let part = ArchiveCommandsTests.temp("t\(target.id).rayrec")
      parts.append(part)
      let (code, _, err) = RayRecTests.run(["slice", original, "--target", target.instance, "-o", part])
      #expect(code == 0, "\(err)")
      #expect(try Array(Self.framesByTarget(part).keys) == [target.url])
    }
    let merged = ArchiveCommandsTests.temp("side.rayrec")
    parts.append(merged)
    let (code, out, err) = RayRecTests.run(["merge"] + parts.dropLast() + ["-o", merged])
    #expect(code == 0, "\(err)")
    #expect(out.contains("0 joined"))
    #expect(try Self.framesByTarget(merged) == Self.framesByTarget(original))
  }

  @Test func mergingOverlappingRecordingsOfOneTargetIsRefused() throws {
    let original = Self.root + "/recordings/seed-healthy.rayrec"
    let merged = ArchiveCommandsTests.temp("overlap.rayrec")
    let (code, _, err) = RayRecTests.run(["merge", original, original, "-o", merged])
    #expect(code == 1)
    #expect(err.contains("the times overlap, so they cannot be joined"), "\(err)")
    #expect(err.contains("is in \(original) (20"), "\(err)")
    #expect(!FileManager.default.fileExists(atPath: merged))
  }

  @Test func outputsAreNotOverwrittenAndBadArgumentsAreUsageErrors() throws {
    let original = Self.root + "/recordings/seed-healthy.rayrec"
    let existing = ArchiveCommandsTests.temp("exists.rayrec")
    try Data("keep".utf8).write(to: URL(fileURLWithPath: existing))
    defer { try? FileManager.default.removeItem(atPath: existing) }
    let (code, _, err) = RayRecTests.run(["slice", original, "--from", "+1m", "-o", existing])
    #expect(code == 1)
    #expect(err.contains("already exists"))
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
    for arguments in [
      ["slice", original], ["slice", original, "--from", "+2m", "--to", "+1m", "-o", "/tmp/x.rayrec"],
      ["slice", original, "--from", "soon", "-o", "/tmp/x.rayrec"],
      ["merge", original, "-o", "/tmp/x.rayrec"],
    ] {
      #expect(RayRecTests.run(arguments).0 == 64, "\(arguments)")
    }
    #expect(RayRecTests.run(["slice", original, "--target", "nowhere:1", "-o", "/tmp/x.rayrec"]).0 == 1)
  }

  @Test func aSliceWithNoFrameIsAnErrorAndWritesNothing() {
    let original = Self.root + "/recordings/seed-healthy.rayrec"
    let output = ArchiveCommandsTests.temp("empty.rayrec")
    let (code, _, err) = RayRecTests.run(["slice", original, "--from", "end+1h", "-o", output])
    #expect(code == 1)
    #expect(err.contains("no frame of the chosen targets between --from and --to; nothing written"), "\(err)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }
}
