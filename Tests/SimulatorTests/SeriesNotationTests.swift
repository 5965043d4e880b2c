import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct SeriesNotationTests {
  func expand(_ text: String) throws -> [Double?] {
    try SeriesNotation.expand(Token(text: text, column: 1), parser: ScenarioParser(file: "t.scn"))
  }

  @Test func expandsPromtoolItems() throws {
    #expect(try expand("0+10x3") == [0, 10, 20, 30])
    #expect(try expand("5-1x2") == [5, 4, 3])
    #expect(try expand("7x2") == [7, 7, 7])
    #expect(try expand("_x3") == [nil, nil, nil])
    #expect(try expand("_") == [nil])
    #expect(try expand("1.5") == [1.5])
    #expect(try expand("-1-1x2") == [-1, -2, -3])
    #expect(try expand("1e3+1e2x1") == [1000, 1100])
    // As in promtool, there is no hex: `0x3` is 0 repeated four times.
    #expect(try expand("0x3") == [0, 0, 0, 0])
  }

  @Test func rejectsHexAndJunk() {
    #expect(throws: ScenarioError.self) { try expand("1..2") }
    #expect(throws: ScenarioError.self) { try expand("abc") }
  }

  @Test func readsSelectors() throws {
    let (name, labels) = try SeriesNotation.selector(
      Token(text: #"app_total{route="/a b",code="200"}"#, column: 1), parser: ScenarioParser(file: "t.scn"))
    #expect(name == "app_total")
    #expect(labels.map(\.0) == ["route", "code"])
    #expect(labels.map(\.1) == ["/a b", "200"])
  }
}
