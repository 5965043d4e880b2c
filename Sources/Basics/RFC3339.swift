/// RFC 3339 timestamps (`2026-11-25T12:00:00Z`, `2026-11-25T12:00:00.250+01:00`) to and from unix
/// milliseconds: the one grammar the command line, scenario files and the Prometheus HTTP API read.
///
/// Parsing takes Go's `time.RFC3339Nano` layout, as Prometheus's API parses its times, plus what
/// RFC 3339 §5.6 allows beyond Go (a lowercase `t` or `z`, a space for the `T`). Seconds stop at
/// 59, as in Go. Fraction digits below the millisecond are truncated.
public enum RFC3339 {
  /// How ``format(_:fraction:)`` writes the part below the second.
  public enum Fraction: Sendable {
    /// Go's JSON form of a time: the fraction without trailing zeros (`.25`), none for whole
    /// seconds. Prometheus's HTTP API writes times this way.
    case trimmed
    /// Three digits when there is a fraction (`.250`), none for whole seconds.
    case milliseconds
    /// Always three digits (`.000` too), as JavaScript's `toISOString` writes times.
    case always
  }

  /// Unix milliseconds of `text`; nil when it is not an RFC 3339 date-time.
  public static func milliseconds(_ text: String) -> Int64? {
    let b = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int64? {
      guard from + count <= b.count else { return nil }
      var value: Int64 = 0
      for i in from..<(from + count) {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        value = value * 10 + Int64(b[i] - 0x30)
      }
      return value
    }
    guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      b[10] | 0x20 == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
      b[16] == UInt8(ascii: ":"),
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2),
      (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day), hour < 24,
      minute < 60, second < 60
    else { return nil }
    var i = 19
    var fraction: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      var scale: Int64 = 100
      let first = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
        fraction += Int64(b[i] - 0x30) * scale
        scale /= 10
        i += 1
      }
      guard i > first else { return nil }
    }
    guard i < b.count else { return nil }
    var offset: Int64 = 0
    if b[i] | 0x20 == UInt8(ascii: "z") {
      guard i + 1 == b.count else { return nil }
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = number(i + 1, 2),
        let om = number(i + 4, 2), oh < 24, om < 60
      else { return nil }
      offset = (oh * 60 + om) * 60_000 * (b[i] == UInt8(ascii: "+") ? 1 : -1)
    } else {
      return nil
    }
    let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction - offset
  }

  /// Unix milliseconds as an RFC 3339 UTC time (`2026-11-25T12:00:00.25Z` with `.trimmed`).
  public static func format(_ ms: Int64, fraction: Fraction = .milliseconds) -> String {
    let days = CivilDate.days(ofMilliseconds: ms)
    let msOfDay = ms - days * 86_400_000
    let date = CivilDate(daysSinceEpoch: days)
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    var out =
      "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(msOfDay / 3_600_000, 2)):"
      + "\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2))"
    var part = msOfDay % 1000
    if part != 0 || fraction == .always {
      var digits = 3
      if fraction == .trimmed {
        while part % 10 == 0 {
          part /= 10
          digits -= 1
        }
      }
      out += "." + pad(part, digits)
    }
    return out + "Z"
  }
}
