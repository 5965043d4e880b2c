import Testing

@testable import Basics

/// Go's quoted forms, as `strconv.Quote`, `%q` and `%#U` print them (cases checked with Go 1.21).
@Suite(.timeLimit(.minutes(1))) struct GoQuoteTests {
  @Test func stringsAreQuotedLikeStrconvQuote() {
    #expect(GoQuote.quote("a\"b\\c\n\u{7}é\u{0}") == "\"a\\\"b\\\\c\\n\\aé\\x00\"")
    #expect(GoQuote.quote("\u{7F}\u{A0}\u{200B}\u{1F600}") == "\"\\x7f\\u00a0\\u200b😀\"")
    #expect(GoQuote.quote("\u{E000}\u{F0000}") == "\"\\ue000\\U000f0000\"")
    #expect(GoQuote.quote("tab\there\r\u{8}\u{C}\u{B}") == "\"tab\\there\\r\\b\\f\\v\"")
  }

  @Test func theReplacementCharacterIsEscapedSoPrintedTextParsesBack() {
    #expect(GoQuote.quote("\u{FFFD}") == "\"\\ufffd\"")
  }

  @Test func anotherQuoteMarkIsEscapedInsteadOfTheDoubleQuote() {
    #expect(GoQuote.quote("it's \"x\"", mark: "'") == "'it\\'s \"x\"'")
  }

  @Test func runesAndCodePoints() {
    #expect(GoQuote.rune(UInt32(UInt8(ascii: "'"))) == "'\\''")
    #expect(GoQuote.rune(0x0A) == "'\\n'")
    #expect(GoQuote.unicodeForm(0x63) == "U+0063 'c'")
    #expect(GoQuote.unicodeForm(0xA0) == "U+00A0")
  }

  @Test func truncatedQuotesEndWithAnEllipsis() {
    #expect(GoQuote.truncated("abcdefghijkl", limit: 10) == "\"abcdefghij\"...")
    #expect(GoQuote.truncated("abc", limit: 10) == "\"abc\"")
  }

  @Test func longTokensAreCutToAHundredCharactersWithTheirLength() {
    let hundred = String(repeating: "b", count: 100)
    #expect(GoQuote.token(hundred) == "\"\(hundred)\"")
    let long = String(repeating: "é", count: 150)
    #expect(GoQuote.token(long) == "\"" + String(repeating: "é", count: 100) + "\"... (300 bytes)")
    #expect(GoQuote.token("a\nb", mark: "'") == "'a\\nb'")
  }

  @Test func tokensInBytesDecodeOnlyWhatIsShown() {
    let text = String(repeating: "é", count: 150) + "\n"
    let bytes = Array(text.utf8)
    let cut = bytes.withUnsafeBufferPointer { GoQuote.token($0, 0..<bytes.count) }
    #expect(cut == GoQuote.token(text))
    let short = bytes.withUnsafeBufferPointer { GoQuote.token($0, 0..<4) }
    #expect(short == "\"éé\"")
  }
}
