import Foundation
import Testing

@testable import RayRecCLI

/// Issue 15, points 2 and 4 at the command line: every reader of a torn archive says so on
/// standard error, and archive errors name the file.
@Suite(.timeLimit(.minutes(2))) struct UnfinishedArchiveCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// `head -c COUNT recordings/NAME > t.rayrec`.
  static func torn(_ name: String, _ count: Int) throws -> String {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/recordings/" + name)).prefix(count)
    let path = ArchiveCommandsTests.temp("t.rayrec")
    try bytes.write(to: URL(fileURLWithPath: path))
    return path
  }

  static let readers: [[String]] = [
    ["query", "ARCHIVE", "up"],
    ["export", "ARCHIVE"],
    ["cat", "ARCHIVE", "--target", "127.0.0.1:8265"],
    ["check", "dashboard", root + "/dashboards/ray-overview.json", "ARCHIVE", "--allow-empty", "*"],
  ]

  @Test(arguments: readers)
  func everyReaderWarnsAboutATornArchive(_ command: [String]) throws {
    let path = try Self.torn("seed-healthy.rayrec", 5000)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (_, _, err) = RayRecTests.run(command.map { $0 == "ARCHIVE" ? path : $0 })
    #expect(err.hasPrefix("\(path): warning: the archive was not closed cleanly"), "\(command): \(err)")
    #expect(err.contains(" frames from 2026-"), "\(err)")
    #expect(err.contains("run 'rayrec repair \(path) -o REPAIRED.rayrec'"))
  }

  @Test func aCleanArchiveGetsNoWarning() {
    let (code, _, err) = RayRecTests.run(["query", Self.root + "/recordings/seed-healthy.rayrec", "up"])
    #expect(code == 0)
    #expect(err.isEmpty)
  }

  @Test func anEmptyFileIsNamed() throws {
    let path = try Self.torn("seed-healthy.rayrec", 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for command in [["query", path, "up"], ["info", path], ["verify", path], ["replay", path]] {
      let (code, _, err) = RayRecTests.run(command)
      #expect(code == 1)
      #expect(
        err == "\(path): the file is empty (0 bytes): not a rayrec archive, or its writer never started\n")
    }
  }

  @Test func aHeaderCutShortIsNamed() throws {
    let path = try Self.torn("seed-healthy.rayrec", 40)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, err) = RayRecTests.run(["info", path])
    #expect(code == 1)
    #expect(err.hasPrefix("\(path): byte "), "\(err)")
  }
}
