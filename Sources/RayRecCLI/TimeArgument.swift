import PromQL

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
    } else if text.hasPrefix("end-"), let d = DurationArgument.milliseconds(String(text.dropFirst(4))) {
      self = .fromEnd(ms: -d)
    } else if text.hasPrefix("end+"), let d = DurationArgument.milliseconds(String(text.dropFirst(4))) {
      self = .fromEnd(ms: d)
    } else if text.hasPrefix("start+"), let d = DurationArgument.milliseconds(String(text.dropFirst(6))) {
      self = .fromStart(ms: d)
    } else if text.hasPrefix("+"), let d = DurationArgument.milliseconds(String(text.dropFirst())) {
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

/// Prometheus-style durations: `90s`, `5m`, `1h30m`, `500ms`, `2d`, `1w`, `1y`, or bare seconds.
public enum DurationArgument {
  /// The longest duration accepted: 290 years, as Prometheus's durations go (`292y` overflows
  /// Go's nanoseconds).
  public static let maxMilliseconds: Int64 = 290 * 31_536_000_000

  /// The duration in milliseconds; nil when the text is no duration or longer than 290 years.
  public static func milliseconds(_ text: String) -> Int64? {
    guard let ms = parse(text), ms <= maxMilliseconds else { return nil }
    return ms
  }

  private static func parse(_ text: String) -> Int64? {
    if let seconds = Double(text), seconds.isFinite, seconds >= 0, text.first?.isNumber == true {
      guard seconds <= Double(maxMilliseconds) / 1000 else { return nil }
      return Int64((seconds * 1000).rounded())
    }
    let units: [(String, Int64)] = [
      ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
      ("y", 31_536_000_000),
    ]
    var rest = Substring(text)
    var total: Int64 = 0
    var lastUnit = Int64.max
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, let n = Int64(digits) else { return nil }
      rest = rest.dropFirst(digits.count)
      guard
        let (unit, scale) = units.first(where: {
          rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms"))
        })
      else { return nil }
      // Units must go from largest to smallest, as in Prometheus (`1h30m`, not `30m1h`).
      guard scale < lastUnit else { return nil }
      lastUnit = scale
      rest = rest.dropFirst(unit.count)
      let (product, overflow) = n.multipliedReportingOverflow(by: scale)
      guard !overflow else { return nil }
      let (sum, sumOverflow) = total.addingReportingOverflow(product)
      guard !sumOverflow else { return nil }
      total = sum
    }
    return total
  }

  /// The one way durations are shown: `285ms` under a second, `12.5s` under a minute, and
  /// whole seconds above (`2m`, `29m57s`, `1h5s`): Prometheus's units, without the noise of
  /// `29m56s999ms`.
  public static func format(_ ms: Int64) -> String {
    if ms == 0 { return "0s" }
    if ms < 0 { return "-" + format(0 &- ms) }
    if ms < 1000 { return "\(ms)ms" }
    if ms < 60_000 {
      var fraction = String(ms % 1000 + 1000).dropFirst()
      while fraction.last == "0" { fraction = fraction.dropLast() }
      return "\(ms / 1000)\(fraction.isEmpty ? "" : ".\(fraction)")s"
    }
    var rest = ms / 1000 + (ms % 1000 >= 500 ? 1 : 0)
    var out = ""
    for (unit, scale) in [("h", Int64(3600)), ("m", 60), ("s", 1)] where rest >= scale {
      out += "\(rest / scale)\(unit)"
      rest %= scale
    }
    return out
  }
}

/// RFC 3339 timestamps (`2026-11-25T12:00:00Z`, `2026-11-25T12:00:00.250+01:00`).
enum RFC3339 {
  static func milliseconds(_ text: String) -> Int64? {
    let b = Array(text.utf8)
    func num(_ from: Int, _ count: Int) -> Int64? {
      guard from + count <= b.count else { return nil }
      var v: Int64 = 0
      for i in from..<(from + count) {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        v = v * 10 + Int64(b[i] - 0x30)
      }
      return v
    }
    guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      b[10] | 0x20 == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
      b[16] == UInt8(ascii: ":"),
      let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let hour = num(11, 2),
      let minute = num(14, 2), let second = num(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var i = 19
    var fraction: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      var scale: Int64 = 100
      let start = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
        fraction += Int64(b[i] - 0x30) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    guard i < b.count else { return nil }
    var offset: Int64 = 0
    if b[i] | 0x20 == UInt8(ascii: "z") {
      guard i + 1 == b.count else { return nil }
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = num(i + 1, 2), let om = num(i + 4, 2)
      else {
        return nil
      }
      offset = (oh * 60 + om) * 60_000 * (b[i] == UInt8(ascii: "+") ? 1 : -1)
    } else {
      return nil
    }
    let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction - offset
  }

  /// Formats unix milliseconds as RFC 3339 in UTC.
  static func format(_ ms: Int64) -> String {
    let days = CivilDate.days(ofMilliseconds: ms)
    let msOfDay = ms - days * 86_400_000
    let date = CivilDate(daysSinceEpoch: days)
    let (y, m, d) = (date.year, date.month, date.day)
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let h = msOfDay / 3_600_000
    let mi = (msOfDay / 60_000) % 60
    let s = (msOfDay / 1000) % 60
    let frac = msOfDay % 1000
    var out = "\(y)-\(two(m))-\(two(d))T\(two(h)):\(two(mi)):\(two(s))"
    if frac != 0 { out += "." + String(String(frac + 1000).dropFirst()) }
    return out + "Z"
  }
}
