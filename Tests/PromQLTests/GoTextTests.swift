import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct GoTextTests {
  static let cases0: [(Double, String)] = [
    (1.0, "1"), (-0.5, "-0.5"), (1e20, "100000000000000000000"), (1e-7, "0.0000001"), (123.456, "123.456"),
    (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (Double.nan, "NaN"), (0, "0"),
    (1.5e300, "15" + String(repeating: "0", count: 299)),
  ]
  static let cases1: [(Double, String)] = [
    (1e6, "1e+06"), (100000.0, "100000"), (0.0001, "0.0001"), (0.00001, "1e-05"), (1.5, "1.5"),
  ]

  @Test(arguments: Self.cases0)
  func formatsShortestFixed(value: Double, text: String) {
    #expect(goFormatFloatF(value) == text)
  }

  @Test(arguments: Self.cases1)
  func formatsLikePercentV(value: Double, text: String) {
    #expect(goFormatFloatG(value) == text)
  }

  @Test func formatsExponents() {
    #expect(goFormatFloatE(1e21) == "1e+21")
    #expect(goFormatFloatE(-1.5e-7) == "-1.5e-07")
    #expect(goFormatFloatE(1.2345e100) == "1.2345e+100")
  }
}
