import Testing

@testable import Basics

/// One RFC 3339 grammar for the command line, scenario files and the HTTP API.
@Suite(.timeLimit(.minutes(1))) struct RFC3339Tests {
  @Test(arguments: [
    ("2026-11-25T12:00:00Z", Int64(1_795_608_000_000)),
    ("2026-11-25T12:00:00.25Z", 1_795_608_000_250),
    ("2026-11-25T12:00:00.123456789Z", 1_795_608_000_123),
    ("2026-11-25T13:00:00+01:00", 1_795_608_000_000),
    ("2026-11-25T11:30:00-00:30", 1_795_608_000_000),
    ("2026-11-25t12:00:00z", 1_795_608_000_000),
    ("2026-11-25 12:00:00Z", 1_795_608_000_000),
    ("1969-12-31T23:59:59.999Z", -1),
    ("2024-02-29T00:00:00Z", 1_709_164_800_000),
  ])
  func datesParse(text: String, ms: Int64) {
    #expect(RFC3339.milliseconds(text) == ms)
  }

  @Test(arguments: [
    "", "2026-11-25", "2026-11-25T12:00:00", "2026-11-25T12:00:00.Z", "2026-13-01T00:00:00Z",
    "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T12:60:00Z",
    "2026-11-25T12:00:60Z", "2026-11-25T12:00:00+0100", "2026-11-25T12:00:00Zjunk", "2026/11/25T12:00:00Z",
  ])
  func otherTextDoesNot(text: String) {
    #expect(RFC3339.milliseconds(text) == nil)
  }

  @Test func formatsWriteTheFractionAsAsked() {
    #expect(RFC3339.format(1_795_608_000_250) == "2026-11-25T12:00:00.250Z")
    #expect(RFC3339.format(1_795_608_000_250, fraction: .trimmed) == "2026-11-25T12:00:00.25Z")
    #expect(RFC3339.format(1_795_608_000_000, fraction: .trimmed) == "2026-11-25T12:00:00Z")
    #expect(RFC3339.format(1_795_608_000_000, fraction: .always) == "2026-11-25T12:00:00.000Z")
    #expect(RFC3339.format(-1) == "1969-12-31T23:59:59.999Z")
  }

  @Test func formattingAndParsingRoundTrip() {
    for ms: Int64 in [0, 1, 999, 86_400_000, 1_795_608_000_250, -62_135_596_800_000, 253_402_300_799_999] {
      #expect(RFC3339.milliseconds(RFC3339.format(ms)) == ms)
      #expect(RFC3339.milliseconds(RFC3339.format(ms, fraction: .trimmed)) == ms)
    }
  }
}
