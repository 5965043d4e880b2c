import Basics
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
    if let ms = RFC3339.milliseconds(text) { return ms }
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
        name, "Invalid time value for '\(name)': cannot parse \(GoQuote.quote(text)) to a valid timestamp")
    }
    return ms
  }

  /// A required time parameter (query_range's `start` and `end`).
  static func required(_ form: FormValues, _ name: String) throws(APIError) -> Int64 {
    let text = form.value(name)
    guard let ms = parse(text) else {
      throw .invalidParameter(name, "cannot parse \(GoQuote.quote(text)) to a valid timestamp")
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
        throw .invalidParameter(
          name, "cannot parse \(GoQuote.quote(text)) to a valid duration. It overflows int64")
      }
      return seconds.isNaN ? 0 : Int64(nanoseconds)
    }
    if case .success(let nanoseconds) = PromDuration.parse(text) { return nanoseconds }
    throw .invalidParameter(name, "cannot parse \(GoQuote.quote(text)) to a valid duration")
  }

  /// Go's JSON form of a UTC `time.Time`: RFC 3339 with the fraction's trailing zeros dropped.
  public static func format(_ ms: Int64) -> String { RFC3339.format(ms, fraction: .trimmed) }
}
