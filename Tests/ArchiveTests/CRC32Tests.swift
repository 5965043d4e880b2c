import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func crc32MatchesTheStandardCheckValue() {
  #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  #expect(CRC32.checksum([UInt8]()) == 0)
  let whole = CRC32.checksum(Array("hello world".utf8))
  #expect(CRC32.checksum(Array(" world".utf8), seed: CRC32.checksum(Array("hello".utf8))) == whole)
}
