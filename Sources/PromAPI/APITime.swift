import PromQL

/// Times and durations as the API's parameters carry them, parsed as Prometheus's
/// `parseTime`/`parseDuration` do, and times written as Go writes `time.Time` in JSON.
public enum APITime {
  /// The earliest and latest times (Unix ms) a request can name: the defaults of an absent
  /// `start` and `end` on the metadata endpoints.
  public static let minMs: Int64 = -9_223_309_901_257_974_000
  public static let maxMs: Int64 = 9_223_309_901_257_974_999

  /// Unix seconds (with a fraction, rounded to the millisecond) or RFC 3339, in Unix ms.
  static func parse(_ text: String) -> Int64? {
    if let seconds = Double(text), text.first.map({ !$0.isLetter }) ?? false {
      guard seconds.isFinite, seconds.magnitude < 9.2e15 else { return nil }
      let whole = seconds.rounded(.towardZero)
      let fraction = ((seconds - whole) * 1000).rounded()
      return Int64(whole) * 1000 + Int64(fraction)
    }
    if let ms = rfc3339(text) { return ms }
    // Prometheus's own boundary times, as clients echo them back.
    if text == "-292273086-05-16T16:47:06Z" { return minMs }
    if text == "292277025-08-18T07:12:54.999999999Z" { return maxMs }
    return nil
  }

  /// A time parameter: `fallback` when absent or empty.
  static func parameter(_ form: FormValues, _ name: String, default fallback: Int64) throws(APIError) -> Int64
  {
    let text = form.value(name)
    if text.isEmpty { return fallback }
    guard let ms = parse(text) else {
      throw .invalidParameter(
        name, "Invalid time value for '\(name)': cannot parse \(goQuote(text)) to a valid timestamp")
    }
    return ms
  }

  /// A required time parameter (query_range's `start` and `end`).
  static func required(_ form: FormValues, _ name: String) throws(APIError) -> Int64 {
    let text = form.value(name)
    guard let ms = parse(text) else {
      throw .invalidParameter(name, "cannot parse \(goQuote(text)) to a valid timestamp")
    }
    return ms
  }

  /// Seconds (a float) or a Prometheus duration (`5m`, `1h30m`), in nanoseconds.
  static func duration(_ form: FormValues, _ name: String) throws(APIError) -> Int64 {
    let text = form.value(name)
    if let seconds = Double(text), text.first.map({ !$0.isLetter }) ?? false {
      let nanoseconds = seconds * 1e9
      guard nanoseconds.isFinite || seconds.isNaN,
        nanoseconds <= 9.223372036854775e18, nanoseconds >= -9.223372036854775e18
      else {
        throw .invalidParameter(name, "cannot parse \(goQuote(text)) to a valid duration. It overflows int64")
      }
      return seconds.isNaN ? 0 : Int64(nanoseconds)
    }
    if case .success(let nanoseconds) = PromDuration.parse(text) { return nanoseconds }
    throw .invalidParameter(name, "cannot parse \(goQuote(text)) to a valid duration")
  }

  /// RFC 3339 with any number of fraction digits (Go's `RFC3339Nano` layout), in Unix ms
  /// (fractions below the millisecond truncated).
  static func rfc3339(_ text: String) -> Int64? {
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
    guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
      b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
    else { return nil }
    var i = 19
    var milliseconds: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      var scale: Int64 = 100
      let first = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
        milliseconds += Int64(b[i] - 0x30) * scale
        scale /= 10
        i += 1
      }
      guard i > first else { return nil }
    }
    guard i < b.count else { return nil }
    var offset: Int64 = 0
    if b[i] == UInt8(ascii: "Z") {
      guard i + 1 == b.count else { return nil }
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = number(i + 1, 2),
        let om = number(i + 4, 2),
        oh < 24, om < 60
      else { return nil }
      offset = (oh * 60 + om) * 60_000 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milliseconds - offset
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Go's JSON form of a UTC `time.Time`: RFC 3339 with the fraction's trailing zeros dropped.
  public static func format(_ ms: Int64) -> String {
    let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    let rest = ms - days * 86_400_000
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    var out =
      "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3_600_000, 2)):"
      + "\(pad(rest / 60_000 % 60, 2)):\(pad(rest / 1000 % 60, 2))"
    var fraction = rest % 1000
    if fraction != 0 {
      var digits = 3
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      out += "." + pad(fraction, digits)
    }
    return out + "Z"
  }
}

/// Go's `%q` for the ASCII text parameters carry.
func goQuote(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7f {
        let hex = String(scalar.value, radix: 16)
        out += "\\x" + (hex.count < 2 ? "0" : "") + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
