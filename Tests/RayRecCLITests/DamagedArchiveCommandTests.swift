import Archive
import Foundation
import Testing

@testable import RayRecCLI

/// One flipped bit in a frame no longer makes `info` and `query` refuse the whole archive: every
/// reader skips the damaged frames with a warning naming them, as `cat` and `repair` do.
@Suite(.timeLimit(.minutes(3))) struct DamagedArchiveCommandTests {
  static let root = UnfinishedArchiveCommandTests.root

  /// A copy of `recordings/seed-healthy.rayrec` with one byte flipped in the middle of frame 20.
  static func damagedCopy() throws -> (path: String, frame: FrameSummary) {
    let original = root + "/recordings/seed-healthy.rayrec"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: original)))
    let summary = try ArchiveReader(path: original).frames[20]
    bytes[summary.offset + summary.storedBytes / 2] ^= 0x10
    let path = ArchiveCommandsTests.temp("damaged.rayrec")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return (path, summary)
  }

  static let readers: [[String]] = [
    ["info", "ARCHIVE"],
    ["query", "ARCHIVE", "count(up)"],
    ["check", "dashboard", root + "/dashboards/ray-overview.json", "ARCHIVE", "--allow-empty", "*"],
    ["rules", "eval", root + "/rules/ray.yml", "ARCHIVE"],
    ["report", "ARCHIVE", "-o", "REPORT"],
  ]

  @Test(arguments: readers)
  func everyReaderSkipsTheDamagedFrameWithAWarning(_ command: [String]) throws {
    let (path, frame) = try Self.damagedCopy()
    let report = ArchiveCommandsTests.temp("report.html")
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: report)
    }
    let (code, _, err) = RayRecTests.run(
      command.map { $0 == "ARCHIVE" ? path : $0 == "REPORT" ? report : $0 })
    #expect(code == 0, "\(command): \(err)")
    #expect(err.contains("\(path): warning: "), "\(command): \(err)")
    #expect(err.contains("damaged frame"), "\(err)")
    #expect(err.contains("frame 20 ("), "\(err)")
    #expect(err.contains("byte \(frame.offset)"), "\(err)")
  }

  @Test func theQueryAnswersFromTheOtherFrames() throws {
    let (path, _) = try Self.damagedCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["query", path, "count(up)", "--json"])
    let (_, clean, _) = RayRecTests.run([
      "query", Self.root + "/recordings/seed-healthy.rayrec", "count(up)", "--json",
    ])
    #expect(code == 0)
    #expect(out == clean)
  }

  @Test func infoCountsTheDamagedFramesInItsJSON() throws {
    let (path, _) = try Self.damagedCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, out, _) = RayRecTests.run(["info", path, "--json"])
    #expect(code == 0)
    #expect(out.contains("\"damaged_frames\": "), "\(out)")
    #expect(!out.contains("\"damaged_frames\": 0,"), "\(out)")
  }

  @Test func verifyStillFailsOnTheDamage() throws {
    let (path, frame) = try Self.damagedCopy()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, err) = RayRecTests.run(["verify", path])
    #expect(code == 1)
    #expect(err.contains("frame 20: byte \(frame.offset)"), "\(err)")
  }
}
