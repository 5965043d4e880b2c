import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func frameRecordsRoundTripAndRejectUnknownFlags() throws {
  let record = FrameRecord(
    targetID: 9, sequence: 70, anchorSequence: 64, timeMs: -5, durationMicros: 123, flags: [.keyframe],
    outcomeCode: 0, status: 404, bodyLength: 10, contentCRC: 0xABCD_EF01)
  var writer = ByteWriter()
  record.encode(into: &writer)
  var reader = ByteReader(writer.bytes[...], base: 0, context: "frame")
  var expected = record
  expected.flags.insert(.anchored)
  #expect(try FrameRecord.decode(from: &reader) == expected)
  #expect(expected.baseSequence == 64)
  var bad = writer.bytes
  bad[0] = 0x80
  var badReader = ByteReader(bad[...], base: 0, context: "frame")
  #expect(throws: ArchiveError.malformed(offset: 1, what: "frame: unknown flags 128")) {
    try FrameRecord.decode(from: &badReader)
  }
}
