import Foundation
import Glibc
import Testing

@testable import RayRecCLI

/// Issue 15, point 1: no command replaces an existing output file unless told `--force`, and a
/// refusal leaves the old file as it was and no partial file beside it.
@Suite(.timeLimit(.minutes(2))) struct OverwriteTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let recording = root + "/recordings/seed-healthy.rayrec"
  static let scenario = root + "/scenarios/seed-healthy.scn"
  static let dashboard = root + "/dashboards/ray-overview.json"

  /// A file holding `precious`, in a directory of its own (so leftovers can be listed).
  static func existing() throws -> (dir: String, path: String) {
    let dir = ArchiveCommandsTests.temp("overwrite")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/out"
    try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
    return (dir, path)
  }

  static let commands: [(String, @Sendable (String) -> [String])] = [
    ("record", { ["record", "--target", "127.0.0.1:1", "--duration", "1s", "-o", $0] }),
    ("record --scenario", { ["record", "--scenario", scenario, "--duration", "1m", "-o", $0] }),
    ("repair", { ["repair", recording, "-o", $0] }),
    ("export", { ["export", recording, "-o", $0] }),
    (
      "check dashboard --junit",
      {
        ["check", "dashboard", dashboard, CheckDashboardCommandTests.recording, "--junit", $0]
      }
    ),
  ]

  @Test(arguments: commands.indices)
  func anExistingOutputIsRefusedAndKept(_ index: Int) throws {
    let (name, command) = Self.commands[index]
    let (dir, path) = try Self.existing()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (code, _, err) = RayRecTests.run(command(path))
    #expect(code == 1, "\(name): \(err)")
    #expect(err.contains("\(path): already exists; not overwritten (pass --force to replace it)"), "\(name)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious", "\(name)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"], "\(name)")
  }

  @Test(arguments: commands.indices.filter { $0 != 0 })
  func forceReplacesIt(_ index: Int) throws {
    let (name, command) = Self.commands[index]
    let (dir, path) = try Self.existing()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (code, _, err) = RayRecTests.run(command(path) + ["--force"])
    #expect(code == 0, "\(name): \(err)")
    #expect(try String(contentsOfFile: path, encoding: .isoLatin1) != "precious", "\(name)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"], "\(name)")
  }

  @Test func importRefusesAnExistingArchiveToo() throws {
    let (dump, _) = try ArchiveCommandsTests.makeDump()
    let (dir, path) = try Self.existing()
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: dump)
    }
    #expect(RayRecTests.run(["import", dump, "-o", path]).0 == 1)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    #expect(RayRecTests.run(["import", dump, "-o", path, "--force"]).0 == 0)
  }

  @Test func aFileThatAppearsWhileWorkingIsNotClobbered() throws {
    let (dir, path) = try Self.existing()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.removeItem(atPath: path)
    #expect(throws: DataError.self) {
      try OutputFile(path, force: false).produce { temporary in
        try Data("new".utf8).write(to: URL(fileURLWithPath: temporary))
        try Data("raced".utf8).write(to: URL(fileURLWithPath: path))
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "raced")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"])
  }

  /// Issue 20, §3 point 1: a symlink planted at the old predictable temporary name
  /// (`<out>.partial-PID`) is never written through; the output is a file of its own.
  @Test(arguments: commands.indices.filter { $0 != 0 })
  func aLinkPlantedAtTheOldTemporaryNameIsNotFollowed(_ index: Int) throws {
    let (name, command) = Self.commands[index]
    let (dir, victim) = try Self.existing()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/result"
    try FileManager.default.createSymbolicLink(
      atPath: path + ".partial-\(getpid())", withDestinationPath: victim)
    let (code, _, err) = RayRecTests.run(command(path))
    #expect(code == 0, "\(name): \(err)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious", "\(name)")
    var info = stat()
    #expect(lstat(path, &info) == 0 && Int(info.st_mode) & Int(S_IFMT) == Int(S_IFREG), "\(name)")
    #expect(info.st_size > 0, "\(name)")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(names == ["out", "result", "result.partial-\(getpid())"], "\(name)")
  }
}
