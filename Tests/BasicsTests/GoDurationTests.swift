import Testing

@testable import Basics

/// Go's `time.Duration.String()`, as promtool and Go templates print durations.
@Suite(.timeLimit(.minutes(1))) struct GoDurationTests {
  @Test(arguments: [
    (Int64(0), "0s"), (1, "1ns"), (1_500, "1.5µs"), (1_500_000, "1.5ms"), (500_000_000, "500ms"),
    (1_500_000_000, "1.5s"), (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"),
    (3_723_500_000_000, "1h2m3.5s"), (-90_000_000_000, "-1m30s"),
  ])
  func nanosecondsPrintAsGoPrintsThem(nanoseconds: Int64, text: String) {
    #expect(GoDuration.string(nanoseconds: nanoseconds) == text)
  }

  @Test func millisecondsAreTheSameDurations() {
    #expect(GoDuration.string(milliseconds: 90_000) == "1m30s")
    #expect(GoDuration.string(milliseconds: 500) == "500ms")
    #expect(GoDuration.string(milliseconds: .max).hasSuffix("s"))
  }
}
