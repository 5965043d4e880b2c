import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct LexerTests {
  func kinds(_ query: String) -> [TokenKind] { Lexer.tokenize(Array(query.utf8)).map(\.kind) }

  func texts(_ query: String) -> [String] {
    let bytes = Array(query.utf8)
    return Lexer.tokenize(bytes).map {
      String(decoding: bytes[$0.start..<min($0.end, bytes.count)], as: UTF8.self)
    }
  }

  @Test(arguments: [
    ("1", [TokenKind.number]), ("0x1F", [.number]), ("1e-3", [.number]), (".5", [.number]),
    ("Inf", [.number]),
    ("nan", [.number]), ("1_000", [.number]), ("5m", [.duration]), ("1h30m", [.duration]),
    ("500ms", [.duration]),
    ("1y", [.duration]), ("foo", [.identifier]), ("foo:bar", [.metricIdentifier]),
    (":x", [.metricIdentifier]),
    ("sum", [.sum]), ("SUM", [.sum]), ("by", [.by]), ("offset", [.offset]), ("and", [.land]),
    ("atan2", [.atan2]),
    ("fill", [.identifier]), ("fill(x)", [.fill, .leftParen, .identifier, .rightParen]), ("\"a\"", [.string]),
    ("'a'", [.string]),
    ("`a\\`", [.string]), ("==", [.eqlc]), ("!=", [.neq]), ("<=", [.lte]), ("</", [.trimUpper]),
    (">/", [.trimLower]),
    ("@", [.at]), ("# only a comment", []),
  ])
  func tokenKinds(query: String, expected: [TokenKind]) {
    #expect(kinds(query) == expected + [.eof])
  }

  @Test func selectorTokensInsideBracesTreatKeywordsAsIdentifiers() {
    #expect(
      kinds("sum{by=~\"x\", on!~'y'}") == [
        .sum, .leftBrace, .identifier, .eqlRegex, .string, .comma, .identifier, .neqRegex, .string,
        .rightBrace, .eof,
      ])
  }

  @Test func bracketsReadDurationArithmetic() {
    #expect(
      kinds("x[5m+step():1m]") == [
        .identifier, .leftBracket, .duration, .add, .step, .leftParen, .rightParen, .colon, .duration,
        .rightBracket, .eof,
      ])
    #expect(texts("x[ 5m ]") == ["x", "[", "5m", "]", ""])
  }

  @Test func positionsAreByteOffsets() {
    let tokens = Lexer.tokenize(Array("é + foo".utf8))
    #expect(tokens.first?.kind == .error)
    let ok = Lexer.tokenize(Array("\"é\" + foo".utf8))
    #expect(ok.map(\.start) == [0, 5, 7, 10])
  }

  @Test(arguments: [
    ("\"abc", "unterminated quoted string"), ("`abc", "unterminated raw string"),
    ("\"\\q\"", "unknown escape sequence U+0071 'q'"),
    ("\"\\xZZ\"", "illegal character U+005A 'Z' in escape sequence"),
    ("\"\\uD800\"", "escape sequence is an invalid Unicode code point"),
    ("\"\\", "escape sequence not terminated"),
    ("foo{", "unexpected end of input inside braces"), ("x[5m", "unclosed left bracket"),
    ("x[", "unexpected end of input in duration expression"),
    ("1..2", "bad number or duration syntax: \"1..\""),
    ("5mm", "bad number or duration syntax: \"5mm\""), ("$", "unexpected character: '$'"),
    ("x]", "unexpected right bracket ']'"), ("x[[", "unexpected character in duration expression: '['"),
  ])
  func lexicalErrors(query: String, message: String) {
    let last = Lexer.tokenize(Array(query.utf8)).last
    #expect(last?.kind == .error)
    #expect(last?.message == message)
  }
}
