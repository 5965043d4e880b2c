import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(1))) struct SnappyTests {
  @Test func aShortInputIsOneLiteral() {
    // Length 3 as a varint, then a literal tag ((3 - 1) << 2) and the bytes.
    #expect(Snappy.compress(Array("abc".utf8)) == [0x03, 0x08, 0x61, 0x62, 0x63])
  }

  @Test func repeatedBytesShrinkAndComeBackExactly() throws {
    let input = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 7) }
    let compressed = Snappy.compress(input)
    #expect(compressed.count < input.count / 10)
    #expect(try Snappy.decompress(compressed) == input)
  }

  @Test func anEmptyInputRoundTrips() throws {
    #expect(try Snappy.decompress(Snappy.compress([])) == [])
  }

  @Test func aBlockClaimingMoreThanTheLimitIsRefusedBeforeDecoding() {
    // A varint length of 2^31 and nothing else.
    let error = #expect(throws: Snappy.Error.self) { try Snappy.decompress([0x80, 0x80, 0x80, 0x80, 0x08]) }
    #expect(error?.message.contains("over the limit") == true)
  }

  @Test func garbageIsNotASnappyBlock() {
    #expect(throws: Snappy.Error.self) { try Snappy.decompress([0x05, 0xFF, 0xFF]) }
  }
}
