import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct RecordLayoutTests {
  @Test func recordsProbeAsWholeTruncatedOrCorrupt() {
    let record = RecordLayout.record(.frame, payload: [1, 2, 3])
    #expect(record.prefix(8) == [0x72, 0x72, 0x46, 0, 3, 0, 0, 0])
    #expect(RecordLayout.probe(record, at: 0) == .record(.frame, payload: 12..<15))
    #expect(RecordLayout.probe(Array(record.dropLast()), at: 0) == .truncated)
    #expect(RecordLayout.probe(Array(record.prefix(1)), at: 0) == .truncated)
    #expect(RecordLayout.probe([0x41], at: 0) == .corrupt("junk after the last record"))
    var flipped = record
    flipped[13] ^= 1
    #expect(RecordLayout.probe(flipped, at: 0) == .corrupt("record CRC32 mismatch"))
    var unknown = record
    unknown[2] = 0x5A
    #expect(RecordLayout.probe(unknown, at: 0) == .corrupt("no record marker"))
  }

  @Test func theFooterPointsAtTheIndex() {
    let bytes = RecordLayout.record(.index, payload: [0, 0]) + RecordLayout.footer(indexOffset: 0)
    #expect(RecordLayout.probe(bytes, at: 14) == .footer(indexOffset: 0))
    #expect(Array(bytes.suffix(8)) == Array("rrFOOTER".utf8))
  }
}
