import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct LiteralDecodingTests {
  static let cases0: [(String, Double)] = [
    ("1", 1.0), ("0x1F", 31), ("0X1f", 31), ("010", 8), ("09", 9), ("1_000", 1000), ("0x_1F", 31),
    ("1.5", 1.5),
    (".5", 0.5), ("5.", 5), ("1e3", 1000), ("1E-2", 0.01), ("Inf", .infinity), ("inf", .infinity),
    ("99999999999999999999", 1e20),
  ]
  static let cases1: [(String, String)] = [
    ("\"abc\"", "abc"), ("'abc'", "abc"), ("`a\\nb`", "a\\nb"), ("\"a\\nb\"", "a\nb"), ("'it\\'s'", "it's"),
    ("\"\\\"q\\\"\"", "\"q\""), ("\"\\x41\\101\\u00e9\\U0001F600\"", "AAé😀"),
    ("\"\\a\\b\\f\\r\\t\\v\\\\\"", "\u{7}\u{8}\u{C}\r\t\u{B}\\"),
    ("`a\r\nb`", "a\nb"),
  ]

  @Test(arguments: Self.cases0)
  func numbersFollowGoRules(text: String, value: Double) throws {
    let decoded = try LiteralDecoding.number(text).get()
    #expect(decoded == value)
  }

  @Test func nanIsANumber() throws {
    #expect(try LiteralDecoding.number("NaN").get().isNaN)
  }

  @Test func overflowIsAnError() {
    guard case .failure(let error) = LiteralDecoding.number("1e999") else {
      Issue.record("expected an error")
      return
    }
    #expect(
      error.message == "error parsing number: strconv.ParseFloat: parsing \"1e999\": value out of range")
  }

  @Test(arguments: Self.cases1)
  func stringsResolveEscapes(token: String, value: String) {
    #expect(LiteralDecoding.string(Array(token.utf8)[...]) == value)
  }
}
