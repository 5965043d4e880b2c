import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct SampleTimestampsTests {
  func stamp(_ text: String, openMetrics: Bool = false) -> String {
    String(
      decoding: SampleTimestamps.insert(
        into: Array(text.utf8), timestampMs: 1_700_000_000_250, openMetrics: openMetrics),
      as: UTF8.self)
  }

  @Test func samplesWithoutATimestampGetOne() {
    let input = """
      # HELP a Help with {braces} 1 2.
      # TYPE a counter
      a_total 1

      b{x="y z",q="a\\"} 3"} 2.5
      c{} 7 1600000000000
      \td 4\t

      """
    let expected = """
      # HELP a Help with {braces} 1 2.
      # TYPE a counter
      a_total 1 1700000000250

      b{x="y z",q="a\\"} 3"} 2.5 1700000000250
      c{} 7 1600000000000
      \td 4 1700000000250\t

      """
    #expect(stamp(input) == expected)
  }

  @Test func openMetricsTimestampsAreSecondsAndGoBeforeExemplars() {
    let input = "a_total 1 # {trace=\"x\"} 1\nb 2\n# EOF\n"
    let expected = "a_total 1 1700000000.250 # {trace=\"x\"} 1\nb 2 1700000000.250\n# EOF\n"
    #expect(stamp(input, openMetrics: true) == expected)
  }

  @Test func aBodyWithoutFinalNewlineStaysThatWay() {
    #expect(stamp("a 1") == "a 1 1700000000250")
    #expect(stamp("") == "")
    #expect(stamp("a{b=\"unterminated 1\n") == "a{b=\"unterminated 1\n")
  }

  @Test func negativeMillisecondsFormatAsSeconds() {
    #expect(SampleTimestamps.format(-1, openMetrics: true) == "-1.999")
    #expect(SampleTimestamps.format(1500, openMetrics: true) == "1.500")
  }
}
