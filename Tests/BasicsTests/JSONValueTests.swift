import Testing

@testable import Basics

@Suite(.timeLimit(.minutes(5))) struct JSONValueTests {
  @Test func textReadsStringsAndNumbers() {
    #expect(JSONValue.number(30).text == "30")
    #expect(JSONValue.string("1m").text == "1m")
    #expect(JSONValue.array([.string("a"), .string("b")]).strings == ["a", "b"])
  }

  @Test func writesCompactJSON() throws {
    let text = #"{"a":[1,2.5,"x\"y"],"b":null}"#
    #expect(try JSONParser.parse(text).jsonText == text)
  }
}

/// Documents written for people: what `--json` outputs and mapping files print.
@Suite(.timeLimit(.minutes(1))) struct JSONValuePrettyTests {
  @Test func prettyTextIndentsSortsKeysAndWritesNonFiniteNumbersAsNull() {
    let value: JSONValue = [
      "b": [1, 2.5, "x", true, nil], "a": JSONValue(Double.nan), "c": [:], "d": [],
      "e": JSONValue(["z": "1", "y": "2"]),
    ]
    #expect(
      value.prettyText() == """
        {
          "a": null,
          "b": [
            1,
            2.5,
            "x",
            true,
            null
          ],
          "c": {},
          "d": [],
          "e": {
            "y": "2",
            "z": "1"
          }
        }
        """)
    #expect(value.prettyText(sortedKeys: false).hasPrefix("{\n  \"b\": ["))
  }

  @Test func prettyTextParsesBackToTheSameDocument() throws {
    let value: JSONValue = ["name": "a\"b\n", "n": 12_345_678_901, "f": 0.1, "nested": [["k": [1]]]]
    let sorted = try JSONParser.parse(value.prettyText())
    #expect(sorted["name"] == "a\"b\n")
    #expect(sorted["n"]?.number == 12_345_678_901)
    #expect(sorted["f"]?.number == 0.1)
    #expect(sorted["nested"]?.array?.first?["k"] == [1])
  }
}
