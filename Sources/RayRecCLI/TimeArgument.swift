import Basics

/// A time on the command line: RFC 3339, unix seconds, or relative to the recording
/// (`+90s` from its start, `end`, `end-1m`, `start`).
public enum TimeArgument: Sendable, Hashable {
  case absolute(ms: Int64)
  case fromStart(ms: Int64)
  case fromEnd(ms: Int64)

  /// Parses the forms DESIGN.md lists; nil when the text is none of them.
  public init?(_ text: String) {
    if text == "start" {
      self = .fromStart(ms: 0)
    } else if text == "end" {
      self = .fromEnd(ms: 0)
    } else if text.hasPrefix("end-"), let d = DurationText.milliseconds(String(text.dropFirst(4))) {
      self = .fromEnd(ms: -d)
    } else if text.hasPrefix("end+"), let d = DurationText.milliseconds(String(text.dropFirst(4))) {
      self = .fromEnd(ms: d)
    } else if text.hasPrefix("start+"), let d = DurationText.milliseconds(String(text.dropFirst(6))) {
      self = .fromStart(ms: d)
    } else if text.hasPrefix("+"), let d = DurationText.milliseconds(String(text.dropFirst())) {
      self = .fromStart(ms: d)
    } else if let seconds = Double(text), seconds.isFinite, text.first?.isNumber == true {
      guard seconds.magnitude <= TimeArgument.maxUnixSeconds else { return nil }
      self = .absolute(ms: Int64((seconds * 1000).rounded()))
    } else if let ms = RFC3339.milliseconds(text) {
      self = .absolute(ms: ms)
    } else {
      return nil
    }
  }

  /// The largest unix time accepted, in seconds (about the year 318,000): its milliseconds, plus
  /// any duration, still fit in 64 bits.
  public static let maxUnixSeconds = 1e13

  /// What a time may be, for error messages.
  public static let forms =
    "RFC 3339, unix seconds up to 1e13, start, end, +90s, start+90s, end-1m; durations up to 290y"

  /// The unix millisecond this names, for a recording that spans `start...end` (saturating at the
  /// ends of the 64-bit range rather than overflowing).
  public func resolve(start: Int64, end: Int64) -> Int64 {
    func add(_ base: Int64, _ offset: Int64) -> Int64 {
      let (sum, overflow) = base.addingReportingOverflow(offset)
      return overflow ? (offset < 0 ? .min : .max) : sum
    }
    switch self {
    case .absolute(let ms): return ms
    case .fromStart(let ms): return add(start, ms)
    case .fromEnd(let ms): return add(end, ms)
    }
  }
}
