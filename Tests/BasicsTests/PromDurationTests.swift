import Basics
import Testing

@Suite(.timeLimit(.minutes(5)))
struct PromDurationTests {
  static let cases0: [(String, Int64)] = [
    ("0", Int64(0)), ("5m", 300_000_000_000), ("1h30m", 5_400_000_000_000), ("500ms", 500_000_000),
    ("1y", 31_536_000_000_000_000), ("2w", 1_209_600_000_000_000), ("1d12h", 129_600_000_000_000), ("0s", 0),
  ]
  static let cases1: [(String, String)] = [
    ("", "empty duration string"), ("5m1h", "not a valid duration string: \"5m1h\""),
    ("5y1hs", "unknown unit \"hs\" in duration \"5y1hs\""), ("m", "not a valid duration string: \"m\""),
    ("1.5m", "unknown unit \".\" in duration \"1.5m\""), ("99999999999y", "duration out of range"),
  ]
  static let cases2: [(Int64, String)] = [
    (Int64(0), "0s"), (300_000_000_000, "5m"), (5_400_000_000_000, "1h30m"), (90 * 86_400_000_000_000, "90d"),
    (14 * 86_400_000_000_000, "2w"), (365 * 86_400_000_000_000, "1y"), (1_500_000_000, "1s500ms"),
    (999_999, "0s"),
  ]

  @Test(arguments: Self.cases0)
  func parsesDurations(text: String, nanoseconds: Int64) throws {
    #expect(try PromDuration.parse(text).get() == nanoseconds)
  }

  @Test(arguments: Self.cases1)
  func rejectsBadDurations(text: String, message: String) {
    guard case .failure(let error) = PromDuration.parse(text) else {
      Issue.record("parsed \(text)")
      return
    }
    #expect(error.message == message)
  }

  @Test(arguments: Self.cases2)
  func formatsLikePrometheus(nanoseconds: Int64, text: String) {
    #expect(PromDuration.format(nanoseconds: nanoseconds) == text)
  }
}
