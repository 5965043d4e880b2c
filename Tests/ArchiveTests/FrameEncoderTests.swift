import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct FrameEncoderTests {
  static func records(_ options: ArchiveWriterOptions, times: [Int64]) throws -> [FrameRecord] {
    let encoder = try FrameEncoder(options: options)
    return try times.enumerated().map { step, time in
      try encoder.encode(sampleFrame(target: 0, time: time, step: step)).record
    }
  }

  @Test func keyframesComeEveryIntervalAndAnchorsEveryFewKeyframes() throws {
    let records = try Self.records(
      ArchiveWriterOptions(keyframeInterval: 3, anchorInterval: 2), times: (0..<13).map { Int64($0) })
    #expect(records.map(\.isKeyframe) == (0..<13).map { $0 % 3 == 0 })
    // Keyframes at 0 (full), 3 (anchored to 0), 6 (full), 9 (anchored to 6), 12 (full).
    #expect(records.map(\.anchorSequence) == [nil, nil, nil, 0, nil, nil, nil, nil, nil, 6, nil, nil, nil])
    #expect(records.map(\.sequence) == (0..<13).map { UInt64($0) })
    #expect(records.allSatisfy { $0.flags.contains(.transformed) })
    #expect(records[1].baseSequence == 0)
  }

  @Test func aLongPauseForcesAKeyframe() throws {
    let records = try Self.records(
      ArchiveWriterOptions(keyframeInterval: 100, keyframeMaxAgeMs: 60_000),
      times: [0, 5_000, 59_000, 61_000, 62_000])
    #expect(records.map(\.isKeyframe) == [true, false, false, true, false])
  }

  @Test func anUnchangedSkeletonIsNotStoredAgain() throws {
    let encoder = try FrameEncoder(options: ArchiveWriterOptions())
    var frame = sampleFrame(target: 0, time: 0, step: 1)
    _ = try encoder.encode(frame)
    frame.timeMs = 1
    frame.body = exposition(step: 2)  // same series as step 1 (no extra series at step % 4 == 0)
    let second = try encoder.encode(frame)
    #expect(second.record.flags.contains(.sameSkeleton))
    frame.body = exposition(step: 4)  // one series more
    let third = try encoder.encode(frame)
    #expect(third.record.flags.contains(.skeletonEdit))
  }

  @Test func invalidFramesAreRejected() throws {
    let encoder = try FrameEncoder(options: ArchiveWriterOptions())
    #expect(throws: ArchiveError.invalidArgument("HTTP status 1000 out of range")) {
      try encoder.encode(Frame(targetID: 0, timeMs: 0, outcome: .response(status: 1000)))
    }
    // A rejected frame uses no sequence number.
    #expect(try encoder.encode(sampleFrame(target: 0, time: 0, step: 0)).record.sequence == 0)
  }
}
