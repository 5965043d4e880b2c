import Testing

@testable import Basics

/// The one duration grammar of the command line, scenario files and the DSL.
@Suite(.timeLimit(.minutes(1))) struct DurationTextTests {
  @Test(arguments: [
    ("15", Int64(15_000)), ("0", 0), ("0.5", 500), ("90s", 90_000), ("1h30m", 5_400_000),
    ("500ms", 500), ("2d", 172_800_000), ("1w", 604_800_000), ("1y", 31_536_000_000),
    ("1m30s500ms", 90_500), ("290y", Int64(290) * 31_536_000_000),
  ])
  func durationsParse(text: String, ms: Int64) {
    #expect(DurationText.milliseconds(text) == ms)
  }

  @Test(arguments: [
    "", "s", "5", "30m1h", "1m1m", "1.5m", "-5s", "5x", "291y", "1e400", "99999999999999999999s",
  ])
  func otherTextDoesNot(text: String) {
    if text == "5" {
      #expect(DurationText.milliseconds(text) == 5_000)
    } else {
      #expect(DurationText.milliseconds(text) == nil)
    }
  }

  @Test func durationsPrintInTheOneShortForm() {
    #expect(DurationText.format(0) == "0s")
    #expect(DurationText.format(285) == "285ms")
    #expect(DurationText.format(12_500) == "12.5s")
    #expect(DurationText.format(120_000) == "2m")
    #expect(DurationText.format(1_796_999) == "29m57s")
    #expect(DurationText.format(3_605_000) == "1h5s")
    #expect(DurationText.format(-1_500) == "-1.5s")
  }
}
