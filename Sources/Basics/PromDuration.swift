/// Prometheus duration text (`1h30m`, `5m`, `1y`, `500ms`), parsed and printed like
/// `model.ParseDuration` and `model.Duration.String`.
public enum PromDuration {
  /// Why a duration did not parse, in Prometheus's words.
  public struct ParseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong.
    public var message: String
    /// The text form.
    public var description: String { message }
  }

  static let nanosecondsPerMillisecond: Int64 = 1_000_000

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static let units: [(name: String, order: Int, nanoseconds: Int64)] = [
    ("y", 1, 365 * 24 * 3_600 * 1_000_000_000), ("w", 2, 7 * 24 * 3_600 * 1_000_000_000),
    ("d", 3, 24 * 3_600 * 1_000_000_000), ("h", 4, 3_600 * 1_000_000_000), ("m", 5, 60 * 1_000_000_000),
    ("s", 6, 1_000_000_000), ("ms", 7, 1_000_000),
  ]

  /// Parses a duration into nanoseconds, or returns Prometheus's error message.
  public static func parse(_ text: String) -> Result<Int64, ParseError> {
    if text == "0" { return .success(0) }
    if text.isEmpty { return .failure(ParseError(message: "empty duration string")) }
    let invalid = "not a valid duration string: \(GoQuote.token(text))"
    let bytes = Array(text.utf8)
    var index = 0
    var total: Int64 = 0
    var lastOrder = 0
    while index < bytes.count {
      guard isDigit(bytes[index]) else { return .failure(ParseError(message: invalid)) }
      var value: Int64 = 0
      var overflow = false
      while index < bytes.count, isDigit(bytes[index]) {
        let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = shifted.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
        overflow = overflow || o1 || o2
        value = sum
        index += 1
      }
      if overflow { return .failure(ParseError(message: invalid)) }
      let unitStart = index
      while index < bytes.count, !isDigit(bytes[index]) { index += 1 }
      if unitStart == index { return .failure(ParseError(message: invalid)) }
      let name = String(decoding: bytes[unitStart..<index], as: UTF8.self)
      guard let unit = units.first(where: { $0.name == name }) else {
        return .failure(
          ParseError(message: "unknown unit \(GoQuote.token(name)) in duration \(GoQuote.token(text))"))
      }
      if unit.order <= lastOrder { return .failure(ParseError(message: invalid)) }
      lastOrder = unit.order
      let (product, o1) = value.multipliedReportingOverflow(by: unit.nanoseconds)
      let (sum, o2) = total.addingReportingOverflow(product)
      if o1 || o2 { return .failure(ParseError(message: "duration out of range")) }
      total = sum
    }
    return .success(total)
  }

  /// Formats nanoseconds as Prometheus does: whole milliseconds, `0s` for zero, years and weeks
  /// only when they divide exactly (`90d`, not `12w6d`).
  public static func format(nanoseconds: Int64) -> String {
    var milliseconds = nanoseconds / nanosecondsPerMillisecond
    if milliseconds == 0 { return "0s" }
    var out = milliseconds < 0 ? "-" : ""
    milliseconds = milliseconds.magnitude > Int64.max.magnitude ? Int64.max : abs(milliseconds)
    let steps: [(String, Int64, Bool)] = [
      ("y", 365 * 86_400_000, true), ("w", 7 * 86_400_000, true), ("d", 86_400_000, false),
      ("h", 3_600_000, false), ("m", 60_000, false), ("s", 1_000, false), ("ms", 1, false),
    ]
    for (name, size, exact) in steps {
      if exact && milliseconds % size != 0 { continue }
      let count = milliseconds / size
      if count > 0 {
        out += "\(count)\(name)"
        milliseconds -= count * size
      }
    }
    return out
  }
}
