import Foundation
import Testing

@testable import Archive

/// Readers of the data go past a damaged frame (as `cat` and `repair` do) and say what they
/// skipped; `verify` counts frames whose records vanished.
@Suite(.timeLimit(.minutes(2)))
struct DamagedFramesTests {
  /// The small archive with one byte flipped inside frame `index`'s record.
  static func damaged(frame index: Int) throws -> (bytes: [UInt8], clean: ArchiveReader, frames: [Frame]) {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    let clean = try ArchiveReader(bytes: bytes)
    var damaged = bytes
    let summary = clean.frames[index]
    damaged[summary.offset + summary.storedBytes / 2] ^= 0x5A
    return (damaged, clean, frames)
  }

  @Test func theCursorSkipsADamagedFrameAndNamesIt() throws {
    let (bytes, clean, frames) = try Self.damaged(frame: 7)
    let reader = try ArchiveReader(bytes: bytes)
    var cursor = reader.makeCursor()
    var skipped = DamagedFrames()
    var read: [Frame] = []
    while let (frame, _) = cursor.nextIntact(skipping: &skipped) { read.append(frame) }
    #expect(skipped.count >= 1)
    #expect(skipped.first.first?.position == 7)
    #expect(skipped.first.first?.error.offset == clean.frames[7].offset)
    #expect(read.count + skipped.count == frames.count)
    // Every frame read is an original one.
    for frame in read { #expect(frames.contains(frame)) }
    let warning = try #require(skipped.warning(path: "x.rayrec"))
    #expect(warning.hasPrefix("x.rayrec: warning: \(skipped.count) damaged frame"))
    #expect(warning.contains("frame 7 ("))
    #expect(warning.contains("'rayrec repair' writes a copy without them"))
  }

  @Test func aCleanArchiveSkipsNothing() throws {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    var cursor = try ArchiveReader(bytes: bytes).makeCursor()
    var skipped = DamagedFrames()
    var count = 0
    while cursor.nextIntact(skipping: &skipped) != nil { count += 1 }
    #expect(count == frames.count)
    #expect(skipped.count == 0)
    #expect(skipped.warning(path: "x.rayrec") == nil)
  }

  @Test func verifyCountsFramesWhoseRecordsVanished() throws {
    // Without the index the reader scans; a damaged record is a stretch it skips whole.
    let (bytes, clean, frames) = try Self.damaged(frame: 7)
    let cut = clean.frames[frames.count - 1].offset + clean.frames[frames.count - 1].storedBytes
    let reader = try ArchiveReader(bytes: Array(bytes[..<cut]))
    let result = reader.verify()
    #expect(result.framesMissing >= 1)
    #expect(result.framesWritten == frames.count)
    #expect(result.framesChecked < frames.count)
  }
}
