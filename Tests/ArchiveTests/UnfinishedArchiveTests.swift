import Basics
import Foundation
import Testing

@testable import Archive

/// Issue 15, points 2 and 4: an archive that was not closed cleanly is never read silently, and
/// every error met reading a file names the file.
@Suite(.timeLimit(.minutes(1))) struct UnfinishedArchiveTests {
  static let recording: String = {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return root.appendingPathComponent("recordings/seed-healthy.rayrec").path
  }()

  /// The first `count` bytes of the shipped recording, as `head -c` makes them.
  static func prefix(_ count: Int, in dir: String) throws -> String {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: recording)).prefix(count)
    let path = dir + "/t.rayrec"
    try bytes.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func anEmptyFileIsNamedAndSaidToBeEmpty() throws {
    try withTemporaryDirectory { dir in
      let path = try Self.prefix(0, in: dir)
      #expect(throws: ArchiveError.empty(path: path)) { try ArchiveReader(path: path) }
      #expect(
        ArchiveError.empty(path: path).description
          == "\(path): the file is empty (0 bytes): not a rayrec archive, or its writer never started")
    }
  }

  @Test(arguments: [3, 20])
  func aFileCutInsideItsHeaderNamesTheFile(_ count: Int) throws {
    try withTemporaryDirectory { dir in
      let path = try Self.prefix(count, in: dir)
      do {
        _ = try ArchiveReader(path: path)
        Issue.record("a \(count)-byte prefix opened")
      } catch let error as ArchiveError {
        #expect(error.description.hasPrefix("\(path): byte "), "\(error)")
        #expect(error.description.contains("archive ends inside a record"))
        #expect(error.underlying == .truncatedTail(offset: error.offset ?? -1))
      }
    }
  }

  @Test func aTornCopySaysWhatItHoldsAndHowToRepairIt() throws {
    try withTemporaryDirectory { dir in
      let path = try Self.prefix(5000, in: dir)
      let reader = try ArchiveReader(path: path)
      #expect(!reader.closedCleanly)
      let warning = try #require(reader.unfinishedWarning)
      let last = try #require(reader.stats.lastTimeMs)
      #expect(
        warning.hasPrefix("\(path): warning: the archive was not closed cleanly (it ends inside a record"))
      #expect(warning.contains("it holds \(reader.frames.count) frame"))
      #expect(warning.contains(" to \(RFC3339.format(last)) ("))
      #expect(warning.hasSuffix("run 'rayrec repair \(path) -o REPAIRED.rayrec' to keep a closed copy"))
    }
  }

  @Test func aCleanArchiveHasNoWarning() throws {
    #expect(try ArchiveReader(path: Self.recording).unfinishedWarning == nil)
  }

  @Test func errorsInMemoryImagesStayUnwrapped() {
    #expect(throws: ArchiveError.truncatedTail(offset: 3)) { try ArchiveReader(bytes: [0x89, 0x52, 0x41]) }
    #expect(
      ArchiveError.truncatedTail(offset: 3).inFile("a.rayrec").description.hasPrefix("a.rayrec: byte 3"))
    #expect(ArchiveError.notAnArchive(path: "a").inFile("a") == .notAnArchive(path: "a"))
  }

  @Test func timesAndSpansPrintAsTheCommandLineDoes() {
    #expect(RFC3339.format(1_795_608_000_250) == "2026-11-25T12:00:00.250Z")
    #expect(DurationText.format(3_723_400) == "1h2m3s")
    #expect(DurationText.format(999) == "999ms")
  }
}
