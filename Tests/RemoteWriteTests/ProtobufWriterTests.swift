import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(1))) struct ProtobufWriterTests {
  @Test(
    arguments: [
      (UInt64(0), [UInt8(0x00)]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
      (16_384, [0x80, 0x80, 0x01]),
      (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
  func varintsAreBase128LeastSignificantGroupFirst(_ value: UInt64, _ bytes: [UInt8]) throws {
    var writer = ProtobufWriter()
    writer.varint(value)
    #expect(writer.bytes == bytes)
    #expect(ProtobufWriter.varintSize(value) == bytes.count)
    var reader = ProtobufReader(bytes)
    #expect(try reader.varint() == value)
  }

  @Test func theSizeOfEveryPowerOfTwoVarintMatchesWhatIsWritten() {
    for shift in 0..<64 {
      for value in [UInt64(1) << shift, (UInt64(1) << shift) - 1] {
        var writer = ProtobufWriter()
        writer.varint(value)
        #expect(ProtobufWriter.varintSize(value) == writer.bytes.count, "\(value)")
      }
    }
  }

  @Test func defaultsAreLeftOutAndEverythingElseKept() {
    var writer = ProtobufWriter()
    writer.double(1, 0)
    writer.int64(2, 0)
    writer.string(3, "")
    #expect(writer.bytes.isEmpty)
    writer.double(1, .nan)
    #expect(writer.bytes.count == 9)
    writer.string(3, "é")
    #expect(Array(writer.bytes.suffix(4)) == [0x1A, 0x02, 0xC3, 0xA9])
  }

  @Test func anEmbeddedMessageIsPrefixedWithItsLength() {
    var writer = ProtobufWriter()
    writer.message(7) { inner in inner.int64(1, 150) }
    #expect(writer.bytes == [0x3A, 0x03, 0x08, 0x96, 0x01])
  }

  @Test func theReaderSkipsEachWireTypeAndStopsAtItsEnd() throws {
    let bytes: [UInt8] =
      [0x08, 0x96, 0x01, 0x11] + [UInt8](repeating: 0, count: 8) + [0x1A, 0x01, 0x41, 0x25, 1, 2, 3, 4]
    var reader = ProtobufReader(bytes)
    var fields: [Int] = []
    while let (field, wire) = try reader.nextField() {
      fields.append(field)
      try reader.skip(wire)
    }
    #expect(fields == [1, 2, 3, 4])
    #expect(reader.offset == bytes.count)
  }

  @Test func aFixed32CutShortIsAnError() {
    var reader = ProtobufReader([0x25, 1, 2])
    #expect(throws: ProtobufError.self) {
      while let (_, wire) = try reader.nextField() { try reader.skip(wire) }
    }
  }
}
