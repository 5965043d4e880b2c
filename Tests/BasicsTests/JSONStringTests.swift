import Testing

@testable import Basics

@Suite(.timeLimit(.minutes(1))) struct JSONStringTests {
  @Test func quotesBackslashesAndControlCharactersAreEscaped() {
    #expect(JSONString.quote("a\"b\\c\nd\re\tf\u{1}\u{1F}") == #""a\"b\\c\nd\re\tf\u0001\u001f""#)
  }

  @Test func everythingElseIsCopiedAsUTF8() {
    #expect(JSONString.quote("é 😀 <&> \u{7F}") == "\"é 😀 <&> \u{7F}\"")
  }

  @Test func htmlSafeEscapesAngleBracketsAndAmpersandsAsGoDoes() {
    var out: [UInt8] = []
    JSONString.append("<a href=\"x\">&</a>", to: &out, htmlSafe: true)
    #expect(String(decoding: out, as: UTF8.self) == #""\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e""#)
  }
}
