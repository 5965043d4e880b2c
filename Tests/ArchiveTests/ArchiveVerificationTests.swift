import Foundation
import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ArchiveVerificationTests {
  @Test func aHealthyArchiveVerifiesClean() throws {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    let result = try ArchiveReader(bytes: bytes).verify()
    #expect(result.isClean)
    #expect(result.framesDecoded == frames.count)
    #expect(result.firstProblem == nil)
  }

  @Test func aTornTailIsTheFirstProblemAndRepairKeepsEveryCompleteFrame() throws {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    let full = try ArchiveReader(bytes: bytes)
    let cut = full.frames[10].offset + 7
    let reader = try ArchiveReader(bytes: Array(bytes[..<cut]))
    let result = reader.verify()
    #expect(result.firstProblem?.offset == full.frames[10].offset)
    #expect(result.firstProblem?.error == .truncatedTail(offset: full.frames[10].offset))
    #expect(result.framesDecoded == 10)
    try withTemporaryDirectory { dir in
      let report = try reader.repair(to: dir + "/fixed.rayrec")
      #expect(report.framesWritten == 10)
      #expect(report.framesLost == 0)
      #expect(report.truncatedTailOffset == full.frames[10].offset)
      let fixed = try ArchiveReader(path: dir + "/fixed.rayrec")
      #expect(fixed.verify().isClean)
      #expect(try fixed.allFrames() == Array(frames.prefix(10)))
    }
  }

  /// Flips one byte at every offset of a small archive: opening never crashes (it throws an
  /// ``ArchiveError`` only when the header itself is hit), verify always reports something, and
  /// repair recovers every frame that does not depend on the damaged bytes, byte for byte.
  @Test func everyByteFlipIsCaughtAndRepairRecoversTheIntactFrames() throws {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    let clean = try ArchiveReader(bytes: bytes)
    let headerEnd = clean.frames[0].offset
    try withTemporaryDirectory { dir in
      for offset in 0..<bytes.count {
        var damaged = bytes
        damaged[offset] ^= offset % 2 == 0 ? 0x01 : 0xA5
        let reader: ArchiveReader
        do {
          reader = try ArchiveReader(bytes: damaged)
        } catch {
          #expect(offset < headerEnd, "open failed for a flip at \(offset): \(error)")
          continue
        }
        let result = reader.verify()
        #expect(!result.isClean, "flip at \(offset) went unnoticed")
        guard offset % 5 == 0 else { continue }
        let path = dir + "/repaired-\(offset).rayrec"
        let report = try reader.repair(to: path)
        let repaired = try ArchiveReader(path: path).allFrames()
        // Every recovered frame is an original frame, unchanged.
        for frame in repaired {
          #expect(frames.contains(frame), "flip at \(offset): repair produced a frame that was never written")
        }
        #expect(report.framesWritten == repaired.count)
        #expect(report.framesWritten + report.framesLost <= frames.count)
        // Lost frames are all accounted for, except a damaged last frame of a target (no later
        // sequence number reveals the gap).
        #expect(report.framesWritten + report.framesLost >= frames.count - 1, "flip at \(offset)")
        // A flip outside the frame records (index, footer) loses nothing.
        let lastFrameEnd = clean.frames.last.map { $0.offset + $0.storedBytes } ?? 0
        if offset >= lastFrameEnd {
          #expect(repaired == frames, "flip at \(offset) in the index or footer lost frames")
        }
        try? FileManager.default.removeItem(atPath: path)
      }
    }
  }
}

extension ArchiveVerificationTests {
  /// Random multi-byte damage in the frame area, with and without the index: never a crash,
  /// every frame that decodes is an original frame.
  @Test(arguments: [true, false])
  func randomDamageNeverCrashesAndNeverInventsFrames(keepIndex: Bool) throws {
    let (bytes, frames) = try ArchiveReaderTests.smallArchive()
    let clean = try ArchiveReader(bytes: bytes)
    let start = clean.frames[0].offset
    var generator = SeededGenerator(seed: keepIndex ? 1 : 2)
    for _ in 0..<300 {
      var damaged = keepIndex ? bytes : Array(bytes.dropLast(RecordLayout.footerSize))
      let end = clean.frames.last.map { $0.offset + $0.storedBytes } ?? damaged.count
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let at = Int.random(in: start..<end, using: &generator)
        for index in at..<min(end, at + Int.random(in: 1...12, using: &generator)) {
          damaged[index] = UInt8.random(in: 0...255, using: &generator)
        }
      }
      let reader = try ArchiveReader(bytes: damaged)
      _ = reader.verify()
      var cursor = reader.makeCursor()
      while cursor.position < reader.frames.count {
        if let frame = try? cursor.next() { #expect(frames.contains(frame)) }
      }
      for time in stride(from: Int64(-50), through: 1600, by: 75) {
        if let frame = try? reader.frame(target: 0, at: time) { #expect(frames.contains(frame)) }
      }
    }
  }
}

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
