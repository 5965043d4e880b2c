import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ArchiveReaderDecodeTests {
  /// Two targets, 30 frames each, keyframe every 4 frames, a full keyframe every 2 keyframes.
  static func makeArchive() throws -> (ArchiveReader, [Frame]) {
    try withTemporaryDirectory { dir in
      let path = dir + "/seek.rayrec"
      let writer = try ArchiveWriter(
        path: path, header: ArchiveHeader(createdMs: 0, recorderVersion: "t", targets: testTargets()),
        options: ArchiveWriterOptions(keyframeInterval: 4, anchorInterval: 2))
      var frames: [Frame] = []
      for step in 0..<60 {
        let target = UInt32(step % 2)
        let frame = sampleFrame(
          target: target, time: 10_000 + Int64(step / 2) * 1000 + Int64(target), step: step)
        frames.append(frame)
        try writer.append(frame)
      }
      try writer.close()
      return (try ArchiveReader(path: path), frames)
    }
  }

  @Test func frameAtFindsTheLatestFrameAtOrBeforeATime() throws {
    let (reader, frames) = try Self.makeArchive()
    let target0 = frames.filter { $0.targetID == 0 }
    #expect(try reader.frame(target: 0, at: 9_999) == nil)
    #expect(try reader.frame(target: 0, at: .min) == nil)
    #expect(try reader.frame(target: 9, at: 20_000) == nil)
    #expect(try reader.frame(target: 0, at: 10_000) == target0[0])
    #expect(try reader.frame(target: 0, at: 10_999) == target0[0])
    #expect(try reader.frame(target: 0, at: 11_000) == target0[1])
    #expect(try reader.frame(target: 0, at: .max) == target0.last)
    #expect(reader.summary(target: 1, at: 10_000) == nil)
    #expect(reader.summary(target: 1, at: 10_001)?.sequence == 0)
  }

  @Test func everyTimeInAnyOrderDecodesTheRightFrame() throws {
    let (reader, frames) = try Self.makeArchive()
    // Forward, backward and jumping across keyframe and anchor boundaries exercise the cache.
    var times = Array(stride(from: Int64(9_500), through: 41_000, by: 250))
    times += times.reversed()
    times += [30_000, 10_000, 25_250, 25_000, 24_999, 40_000, 11_000]
    for time in times {
      for target in [UInt32(0), 1] {
        let expected = frames.last { $0.targetID == target && $0.timeMs <= time }
        #expect(try reader.frame(target: target, at: time) == expected, "target \(target) at \(time)")
      }
    }
  }

  @Test func framesByPositionMatchFileOrder() throws {
    let (reader, frames) = try Self.makeArchive()
    for position in [59, 0, 31, 30, 7, 8, 58] {
      #expect(try reader.frame(atPosition: position) == frames[position])
    }
    #expect(throws: ArchiveError.self) { try reader.frame(atPosition: 60) }
    #expect(reader.summaries(target: 1).count == 30)
  }
}
