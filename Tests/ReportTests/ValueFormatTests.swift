import Testing

@testable import Report

@Suite(.timeLimit(.minutes(1)))
struct ValueFormatTests {
  /// (unit, decimals, value, text) as Grafana prints them.
  static let cases: [(String, Int?, Double, String)] = [
    ("short", nil, 0, "0"),
    ("short", nil, 1234, "1.23 K"),
    ("short", nil, 2_500_000, "2.50 Mil"),
    ("short", nil, 0.5, "0.50"),
    ("bytes", nil, 512, "512 B"),
    ("bytes", nil, 1536, "1.50 KiB"),
    ("bytes", nil, 3 * 1024 * 1024 * 1024, "3 GiB"),
    ("percent", nil, 42, "42%"),
    ("percent", 1, 42, "42.0%"),
    ("percentunit", nil, 0.25, "25%"),
    ("s", nil, 0.25, "250 ms"),
    ("s", nil, 90, "1.50 min"),
    ("ms", nil, 12, "12 ms"),
    ("ms", nil, 1500, "1.50 s"),
    ("reqps", nil, 12.5, "12.5 req/s"),
    ("nodes", nil, 3, "3 nodes"),
    ("", nil, 7, "7"),
  ]

  @Test(arguments: 0..<cases.count)
  func unitsPrintAsGrafanaPrintsThem(_ index: Int) {
    let (unit, decimals, value, text) = Self.cases[index]
    #expect(ValueFormat(unit: unit, decimals: decimals).format(value) == text, "\(unit) \(value)")
  }

  @Test func nonFiniteValuesAreNamed() {
    #expect(ValueFormat().format(.nan) == "NaN")
    #expect(ValueFormat().format(.infinity) == "+Inf")
  }

  @Test func reducersFollowGrafanasCalculations() {
    let values: [Double] = [1, 5, .nan, 3]
    #expect(Reducer.lastNotNull.reduce(values) == 3)
    #expect(Reducer.max.reduce(values) == 5)
    #expect(Reducer.mean.reduce(values) == 3)
    #expect(Reducer.sum.reduce(values) == 9)
    #expect(Reducer.range.reduce(values) == 4)
    #expect(Reducer.count.reduce(values) == 3)
    #expect(Reducer.lastNotNull.reduce([]) == nil)
    #expect(Reducer.delta.reduce([1, 4, 2, 3]) == 6, "a drop counts as a reset")
  }

  @Test func axisTicksAreRound() {
    #expect(Axis.valueTicks(lo: 0, hi: 100, count: 4) == [0, 25, 50, 75, 100])
    let fifths = Axis.valueTicks(lo: 0, hi: 1, count: 5)
    #expect(fifths.count == 6)
    #expect(abs((fifths.last ?? 0) - 1) < 1e-9)
    let (ticks, step) = Axis.timeTicks(from: 0, to: 3_600_000, count: 6)
    #expect(step == 600_000)
    #expect(ticks.count == 7)
    #expect(Axis.timeLabel(3_600_000 + 5 * 60_000, stepMs: step) == "01:05")
    #expect(Axis.timeLabel(30_000, stepMs: 15_000) == "00:00:30")
  }

  @Test func coordinatesKeepOneDecimal() {
    #expect(HTML.coordinate(12) == "12")
    #expect(HTML.coordinate(12.46) == "12.5")
    #expect(HTML.coordinate(-0.3) == "-0.3")
    #expect(HTML.coordinate(.nan) == "0")
    #expect(HTML.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
  }
}
