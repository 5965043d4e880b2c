import PromQL
import PromQLScript
import Testing

@Suite(.timeLimit(.minutes(5)))
struct SeriesDescriptionTests {
  func values(_ text: String) throws -> [Double?] { try SeriesDescription.parse(text).values }

  @Test func expandsTheRepeatNotations() throws {
    #expect(try values("m 1+2x3") == [1, 3, 5, 7])
    #expect(try values("m 5-1x2") == [5, 4, 3])
    #expect(try values("m -1-1x3") == [-1, -2, -3, -4])
    #expect(try values("m 7x2") == [7, 7, 7])
    #expect(try values("m 1 _ 3 _x2 4") == [1, nil, 3, nil, nil, 4])
    #expect(try values("m 1e3+1e-1x1") == [1000, 1000.1])
    // No hex in series values: `0x3` is 0 repeated.
    #expect(try values("m 0x3") == [0, 0, 0, 0])
  }

  @Test func readsSpecialValues() throws {
    let parsed = try values("m Inf -Inf NaN stale")
    #expect(parsed[0] == .infinity && parsed[1] == -.infinity)
    #expect(parsed[2]?.isNaN == true && parsed[2].map(StaleMarker.isStale) == false)
    #expect(parsed[3].map(StaleMarker.isStale) == true)
  }

  @Test func readsTheMetricForms() throws {
    let expected = Labels(["__name__": "m", "a": "x y"])
    #expect(try SeriesDescription.parse("m{a=\"x y\"} 1").labels == expected)
    #expect(try SeriesDescription.parse("{__name__=\"m\", a='x y'}\t1").labels == expected)
    #expect(try SeriesDescription.parse("{} 1").labels == .empty)
  }

  @Test func marksHistogramLiteralsWithoutExpandingThem() throws {
    let series = try SeriesDescription.parse("h {{schema:0 count:1 sum:2}}x3")
    #expect(series.hasHistograms && series.values.isEmpty)
  }

  @Test func rejectsBadItemsAndMatchers() {
    #expect(throws: SeriesLineError.self) { try SeriesDescription.parse("m 1 abc") }
    #expect(throws: SeriesLineError.self) { try SeriesDescription.parse("m{a=~\"x\"} 1") }
    #expect(throws: SeriesLineError.self) { try SeriesDescription.parse("m stalex2") }
  }

  /// Found by scripts/fuzz promqltest: an item with nothing before its `x` trapped.
  @Test func rejectsARepeatWithoutAValue() throws {
    let error = try #require(throws: SeriesLineError.self) { try SeriesDescription.parse("l5 x1 m") }
    #expect(error.message == "invalid value 'x1' in series 'l5'")
  }

  @Test func readsScalarLinesLikeGo() {
    #expect(SeriesDescription.parseScalar("0x1f") == 31)
    #expect(SeriesDescription.parseScalar("-2.5") == -2.5)
    #expect(SeriesDescription.parseScalar("+Inf") == .infinity)
    #expect(SeriesDescription.parseScalar("up") == nil)
  }
}
