import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct ByteReaderTests {
  @Test func valuesRoundTripThroughWriterAndReader() throws {
    var writer = ByteWriter()
    writer.varint(0)
    writer.varint(UInt64.max)
    writer.zigzag(-1)
    writer.zigzag(.min)
    writer.zigzag(.max)
    writer.u16(0xBEEF)
    writer.u32(0xDEAD_BEEF)
    writer.i64(-42)
    writer.string("héllo")
    var reader = ByteReader(writer.bytes[...], base: 100, context: "test")
    #expect(try reader.varint() == 0)
    #expect(try reader.varint() == .max)
    #expect(try reader.zigzag() == -1)
    #expect(try reader.zigzag() == .min)
    #expect(try reader.zigzag() == .max)
    #expect(try reader.u16() == 0xBEEF)
    #expect(try reader.u32() == 0xDEAD_BEEF)
    #expect(try reader.i64() == -42)
    #expect(try reader.string() == "héllo")
    #expect(reader.isAtEnd)
  }

  @Test func badInputIsAMalformedErrorWithItsOffset() {
    var short = ByteReader([1, 2][...], base: 100, context: "x")
    #expect(throws: ArchiveError.malformed(offset: 100, what: "x: unexpected end")) { try short.u32() }
    var long = ByteReader([UInt8](repeating: 0xFF, count: 11)[...], base: 0, context: "x")
    #expect(throws: ArchiveError.self) { try long.varint() }
    var huge = ByteReader([0xFF, 0xFF, 0xFF, 0xFF, 0x7F][...], base: 0, context: "x")
    #expect(throws: ArchiveError.self) { try huge.count() }
    var blob = ByteReader([5, 1, 2][...], base: 7, context: "x")
    #expect(throws: ArchiveError.malformed(offset: 8, what: "x: needs 5 bytes, has 2")) { try blob.blob() }
  }
}
