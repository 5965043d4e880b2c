import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func theCursorContinuesAfterADamagedFrame() throws {
  let (bytes, frames) = try ArchiveReaderTests.smallArchive()
  let clean = try ArchiveReader(bytes: bytes)
  var damaged = bytes
  let victim = clean.frames[4]  // target 0, sequence 2: a delta frame (keyframes every 3)
  damaged[victim.offset + victim.storedBytes - 1] ^= 0xFF
  let reader = try ArchiveReader(bytes: damaged)
  var cursor = reader.makeCursor()
  var decoded: [Frame] = []
  var failures: [Int] = []
  while cursor.position < reader.frames.count {
    let position = cursor.position
    do {
      if let frame = try cursor.next() { decoded.append(frame) }
    } catch {
      failures.append(position)
    }
  }
  // Frame 4 is damaged; frames 0..3 and 5.. of target 1 and target 0 from its next keyframe
  // (sequence 3, position 6) on decode.
  #expect(failures == [4])
  #expect(decoded == frames.enumerated().filter { $0.offset != 4 }.map(\.element))
}

@Test(.timeLimit(.minutes(5))) func readersCanBeSharedBetweenTasks() async throws {
  let (bytes, frames) = try ArchiveReaderTests.smallArchive()
  let reader = try ArchiveReader(bytes: bytes)
  try await withThrowingTaskGroup(of: Bool.self) { group in
    for task in 0..<8 {
      group.addTask {
        for time in stride(from: Int64(task * 37 % 100), through: 1500, by: 90) {
          let expected = frames.last { $0.targetID == UInt32(task % 2) && $0.timeMs <= time }
          guard try reader.frame(target: UInt32(task % 2), at: time) == expected else { return false }
        }
        return true
      }
    }
    for try await ok in group { #expect(ok) }
  }
}
