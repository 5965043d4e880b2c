import Basics
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct TimeArgumentTests {
  @Test(arguments: [
    ("2026-11-25T12:00:00Z", TimeArgument.absolute(ms: 1_795_608_000_000)),
    ("2026-11-25T12:00:00.25Z", .absolute(ms: 1_795_608_000_250)),
    ("2026-11-25T13:00:00+01:00", .absolute(ms: 1_795_608_000_000)),
    ("1795608000", .absolute(ms: 1_795_608_000_000)),
    ("1795608000.5", .absolute(ms: 1_795_608_000_500)),
    ("+90s", .fromStart(ms: 90_000)),
    ("+1m30s", .fromStart(ms: 90_000)),
    ("start", .fromStart(ms: 0)),
    ("end", .fromEnd(ms: 0)),
    ("end-1m", .fromEnd(ms: -60_000)),
  ])
  func parsesEveryDocumentedForm(text: String, expected: TimeArgument) {
    #expect(TimeArgument(text) == expected)
  }

  @Test(arguments: [
    "", "yesterday", "+", "end-", "end-x", "2026-13-01T00:00:00Z", "2026-11-25T12:00:00", "-5",
  ])
  func rejectsEverythingElse(text: String) {
    #expect(TimeArgument(text) == nil)
  }

  @Test func relativeTimesResolveAgainstTheRecording() {
    #expect(TimeArgument("end-1m")?.resolve(start: 1000, end: 120_000) == 60_000)
    #expect(TimeArgument("+90s")?.resolve(start: 1000, end: 120_000) == 91_000)
  }

  @Test(arguments: [
    ("90s", Int64(90_000)), ("5m", 300_000), ("1h30m", 5_400_000), ("500ms", 500), ("2d", 172_800_000),
    ("1.5", 1500), ("1m500ms", 60_500),
  ])
  func parsesDurations(text: String, ms: Int64) {
    #expect(DurationText.milliseconds(text) == ms)
  }

  @Test(arguments: ["", "5", "m", "5x", "30m1h", "-5s", "1h1h"])
  func rejectsBadDurations(text: String) {
    if text == "5" {
      #expect(DurationText.milliseconds(text) == 5000)
    } else {
      #expect(DurationText.milliseconds(text) == nil)
    }
  }

  @Test func formatsRFC3339RoundTrip() {
    for ms: Int64 in [0, 1_795_608_000_250, 951_782_400_000, -86_400_000] {
      #expect(RFC3339.milliseconds(RFC3339.format(ms)) == ms)
    }
    #expect(RFC3339.format(1_795_608_000_000) == "2026-11-25T12:00:00Z")
  }
}
