import Testing

@testable import Basics

@Suite(.timeLimit(.minutes(5))) struct JSONParserTests {
  @Test func parsesEveryKindOfValue() throws {
    let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\n", "c": {}}"#)
    #expect(value["a"] == .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]))
    #expect(value["b"]?.string == "x\"é\n")
    #expect(value["c"] == .object([]))
  }

  @Test func theLastOfDuplicateKeysWins() throws {
    #expect(try JSONParser.parse(#"{"a": 1, "a": 2}"#)["a"]?.int == 2)
  }

  @Test(arguments: [
    ("{\"a\": 1,\n \"b\": [1, 2,, 3]}", "2:13: expected a value, found ','"),
    ("{\"a\": tru}", "1:7: invalid literal (expected 'true')"),
    ("{\"a\": 1", "1:8: unterminated object: expected ',' or '}'"),
    ("[1] x", "1:5: unexpected text after the JSON value"),
    ("{\"a\" 1}", "1:6: expected ':' after member name \"a\", found '1'"),
    ("[01]", "1:2: invalid number: leading zero"),
    ("\"abc", "1:1: unterminated string"),
    ("", "1:1: expected a value, found end of input"),
  ])
  func errorsNameLineAndColumn(_ input: String, _ message: String) {
    #expect(throws: JSONError.self) { try JSONParser.parse(input) }
    do {
      _ = try JSONParser.parse(input)
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 10_000)
    #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
  }
}
