import PromQL
import Testing

@testable import Dashboards

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
