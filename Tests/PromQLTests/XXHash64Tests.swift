import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct XXHash64Tests {
  @Test func matchesTheReferenceVectors() {
    #expect(XXHash64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
    #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
    #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
    // Over 32 bytes: the four-lane path.
    #expect(
      XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
  }

  @Test func hashesLabelsAsNameSeparatorValueSeparator() {
    let bytes = Array("a".utf8) + [0xFF] + Array("1".utf8) + [0xFF]
    #expect(XXHash64.hash(Labels(["a": "1"])) == XXHash64.hash(bytes))
  }
}
