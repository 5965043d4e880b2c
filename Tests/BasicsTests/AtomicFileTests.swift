import Foundation
import Glibc
import Testing

@testable import Basics

/// Issue 20, §3 point 1: a file replaced through a temporary never writes through a symlink
/// planted beside it, and a failed or refused write leaves nothing behind.
@Suite(.timeLimit(.minutes(1))) struct AtomicFileTests {
  /// The names the old writers used (`<path>.tmp`, `<path>.partial-PID`), each a symlink to a file
  /// holding "precious".
  static func plantLinks(beside path: String, in dir: String) throws -> String {
    let victim = dir + "/victim"
    try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
    for name in [path + ".tmp", path + ".partial-\(getpid())"] {
      try FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: victim)
    }
    return victim
  }

  @Test func replacingNeverWritesThroughAPlantedSymlink() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/sd.json"
      let victim = try Self.plantLinks(beside: path, in: dir)
      try AtomicFile.replace(path, with: Array("[]\n".utf8))
      try AtomicFile.replace(path, with: Array("[1]\n".utf8))
      #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "[1]\n")
      let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
      #expect(names == ["sd.json", "sd.json.partial-\(getpid())", "sd.json.tmp", "victim"])
    }
  }

  @Test func theTemporaryIsAFreshRegularFileBesideThePath() throws {
    try withTemporaryDirectory { dir in
      let first = try AtomicFile(beside: dir + "/out")
      let second = try AtomicFile(beside: dir + "/out")
      #expect(first.temporaryPath != second.temporaryPath)
      #expect(first.temporaryPath.hasPrefix(dir + "/out.partial-"))
      var info = stat()
      #expect(lstat(first.temporaryPath, &info) == 0 && Int(info.st_mode) & Int(S_IFMT) == Int(S_IFREG))
      #expect(info.st_size == 0)
    }
  }

  @Test func aTemporaryDroppedWithoutCommitIsRemoved() throws {
    try withTemporaryDirectory { dir in
      do {
        let file = try AtomicFile(beside: dir + "/out")
        try file.write(Array("half".utf8))
      }
      var reopened = try AtomicFile(beside: dir + "/out")
      try reopened.closeForReopening()
      reopened.discard()
      #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
  }

  @Test func withoutReplacingAnExistingFileIsKept() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/out"
      try Data("old".utf8).write(to: URL(fileURLWithPath: path))
      let file = try AtomicFile(beside: path)
      try file.write(Array("new".utf8))
      var refusal: FileError?
      do throws(FileError) { try file.commit(replacing: false) } catch { refusal = error }
      #expect(refusal == FileError(path: path, operation: "link", errno: EEXIST))
      #expect(refusal?.message == "File exists")
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
      #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"])
    }
  }

  @Test func aFileClosedForReopeningIsCommittedWithWhatWasWrittenByName() throws {
    try withTemporaryDirectory { dir in
      let path = dir + "/out"
      var file = try AtomicFile(beside: path)
      try file.closeForReopening()
      try Data("by name".utf8).write(to: URL(fileURLWithPath: file.temporaryPath))
      try file.commit(replacing: false)
      #expect(try String(contentsOfFile: path, encoding: .utf8) == "by name")
      #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out"])
    }
  }
}
