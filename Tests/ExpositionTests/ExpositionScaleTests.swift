import Basics
import Testing

@testable import Exposition

/// Inputs far larger than any scrape: they must parse in time proportional to their size (the
/// suite's time limit is what a quadratic parser fails) and report long tokens cut short.
@Suite(.timeLimit(.minutes(1))) struct ExpositionScaleTests {
  /// `label_00000042`: names of one length that differ only at the end, as generated labels do
  /// (a pairwise duplicate check compares each pair to its last bytes).
  static func name(_ i: Int) -> String {
    let digits = String(i)
    return "label_" + String(repeating: "0", count: 8 - digits.count) + digits
  }

  /// One sample line with `count` labels `label_00000000="v0"`, ....
  static func line(labels count: Int, extra: String = "") -> [UInt8] {
    var text = "m{"
    text += (0..<count).map { "\(name($0))=\"v\($0)\"" }.joined(separator: ",")
    return Array((text + extra + "} 1\n").utf8)
  }

  @Test(arguments: ExpositionFormat.allCases)
  func aLineWithTwoHundredThousandLabelsParses(format: ExpositionFormat) throws {
    var parser = ExpositionParser(bytes: Self.line(labels: 200_000), format: format, strict: false)
    #expect(try parser.next() == .sample)
    #expect(parser.labels.count == 200_000)
    #expect(parser.labelName(199_999) == "label_00199999")
    #expect(parser.labelValue(123_456) == "v123456")
  }

  @Test(arguments: ExpositionFormat.allCases)
  func aDuplicateAmongTwoHundredThousandLabelsIsFound(format: ExpositionFormat) throws {
    var parser = ExpositionParser(
      bytes: Self.line(labels: 200_000, extra: ",label_00004242=\"again\""), format: format, strict: false)
    let error = try #require(throws: ExpositionError.self) { try parser.next() }
    #expect(error.message == "duplicate label name \"label_00004242\"")
  }

  @Test func aDuplicateQuotedNameAmongManyLabelsIsFound() throws {
    var parser = ExpositionParser(
      bytes: Self.line(labels: 1000, extra: ",\"l\\\\7\"=\"x\",\"l\\\\7\"=\"y\""), format: .text)
    let error = try #require(throws: ExpositionError.self) { try parser.next() }
    #expect(error.message == "duplicate label name \"l\\7\"")
  }

  @Test func anErrorQuotesAFiftyMegabyteValueCutShortWithItsLength() throws {
    let token = [UInt8](repeating: UInt8(ascii: "z"), count: 50 * 1024 * 1024)
    let bytes = Array("m ".utf8) + token + [0x0A]
    let error = try #require(throws: ExpositionError.self) { try MetricFamily.parse(bytes, format: .text) }
    #expect(error.message == "invalid value \"\(String(repeating: "z", count: 100))\"... (52428800 bytes)")
    #expect(error.line == 1 && error.column == 3)
  }

  @Test func aLongTimestampIsCutTooButAShortOneIsQuotedWhole() throws {
    let long = Array("m 1 ".utf8) + [UInt8](repeating: UInt8(ascii: "9"), count: 300) + Array("x\n".utf8)
    let longError = try #require(throws: ExpositionError.self) { try MetricFamily.parse(long, format: .text) }
    #expect(longError.message.hasSuffix("\"... (301 bytes): expected integer milliseconds"))
    let short = try #require(throws: ExpositionError.self) {
      try MetricFamily.parse(Array("m 1 12x\n".utf8), format: .text)
    }
    #expect(short.message == "invalid timestamp \"12x\": expected integer milliseconds")
  }

  @Test func cutQuotesKeepWholeCharacters() {
    let text = String(repeating: "é", count: 150)
    #expect(GoQuote.token(text) == "\"" + String(repeating: "é", count: 100) + "\"... (300 bytes)")
    let bytes = Array(text.utf8)
    let quoted = bytes.withUnsafeBufferPointer { GoQuote.token($0, 0..<bytes.count) }
    #expect(quoted == GoQuote.token(text))
    #expect(GoQuote.token("short", mark: "'") == "'short'")
  }
}
