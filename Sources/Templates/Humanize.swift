import Basics

/// Prometheus's number formatting template functions (template/template.go and
/// prometheus/common helpers/templates), with their exact output and error texts.
enum Humanize {
  private static func g4(_ value: Double, _ suffix: String = "") -> String {
    GoFormat.sprintf("%.4g", [.float(value)]) + suffix
  }

  /// Prometheus's `convertToFloat`: float64, int and numeric strings (Go's `strconv.ParseFloat`).
  static func toFloat(_ value: TemplateValue) throws(TemplateFunctionError) -> Double {
    switch value {
    case .float(let number): return number
    case .int(let number): return Double(number)
    case .string(let text):
      switch goParseFloat(text) {
      case .value(let number): return number
      case .syntax:
        throw TemplateFunctionError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): invalid syntax")
      case .range:
        throw TemplateFunctionError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): value out of range")
      }
    default:
      throw TemplateFunctionError("can't convert \(value.goTypeName) to float")
    }
  }

  static func humanize(_ input: Double) -> String {
    var value = input
    if value == 0 || !value.isFinite { return g4(value) }
    var prefix = ""
    if abs(value) >= 1 {
      for candidate in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
        if abs(value) < 1000 { break }
        prefix = candidate
        value /= 1000
      }
      return g4(value, prefix)
    }
    for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
      if abs(value) >= 1 { break }
      prefix = candidate
      value *= 1000
    }
    return g4(value, prefix)
  }

  static func humanize1024(_ input: Double) -> String {
    var value = input
    if abs(value) <= 1 || !value.isFinite { return g4(value) }
    var prefix = ""
    for candidate in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
      if abs(value) < 1024 { break }
      prefix = candidate
      value /= 1024
    }
    return g4(value, prefix)
  }

  static func duration(_ input: Double) -> String {
    var value = input
    if !value.isFinite { return g4(value) }
    if value == 0 { return g4(value, "s") }
    if abs(value) >= 1 {
      var sign = ""
      if value < 0 {
        sign = "-"
        value = -value
      }
      let whole = goInt64(value)
      let seconds = whole % 60
      let minutes = whole / 60 % 60
      let hours = whole / 60 / 60 % 24
      let days = whole / 60 / 60 / 24
      if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
      if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
      if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
      return sign + g4(value, "s")
    }
    var prefix = ""
    for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
      if abs(value) >= 1 { break }
      prefix = candidate
      value *= 1000
    }
    return g4(value, prefix + "s")
  }

  static func percentage(_ value: Double) -> String {
    GoFormat.sprintf("%.4g%%", [.float(value * 100)])
  }

  /// Prometheus's `floatToTime`: seconds to a time truncated to milliseconds (`model.Time`).
  static func time(_ value: Double) throws(TemplateFunctionError) -> TemplateValue {
    let nanoseconds = value * 1e9
    if nanoseconds > 9.223372036854775807e18 || nanoseconds < -9.223372036854775808e18 {
      throw TemplateFunctionError(
        "\(GoFloat.shortest(value)) cannot be represented as a nanoseconds timestamp since it overflows int64"
      )
    }
    let milliseconds = goInt64(nanoseconds) / 1_000_000
    return .time(nanoseconds: milliseconds * 1_000_000)
  }

  static func timestamp(_ value: Double) throws(TemplateFunctionError) -> String {
    if !value.isFinite { return g4(value) }
    return GoTime.string(of: try time(value))
  }

  /// Prometheus's `model.ParseDurationAllowNegative`, in seconds.
  static func parseDuration(_ text: String) throws(TemplateFunctionError) -> Double {
    if text.hasPrefix("-") { return -(try parseDuration(String(text.dropFirst()), original: text)) }
    return try parseDuration(text, original: text)
  }

  private static func parseDuration(_ text: String, original: String) throws(TemplateFunctionError) -> Double
  {
    if text == "0" { return 0 }
    if text.isEmpty { throw TemplateFunctionError("empty duration string") }
    let units: [String: (position: Int, nanoseconds: UInt64)] = [
      "ms": (7, 1_000_000), "s": (6, 1_000_000_000), "m": (5, 60_000_000_000), "h": (4, 3_600_000_000_000),
      "d": (3, 86_400_000_000_000), "w": (2, 604_800_000_000_000), "y": (1, 31_536_000_000_000_000),
    ]
    let invalid = TemplateFunctionError("not a valid duration string: \(GoQuote.quote(original))")
    var rest = Substring(text)
    var total: UInt64 = 0
    var lastPosition = 0
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, let number = UInt64(digits) else { throw invalid }
      rest = rest.dropFirst(digits.count)
      let unitText = rest.prefix { !($0.isASCII && $0.isNumber) }
      guard !unitText.isEmpty else { throw invalid }
      rest = rest.dropFirst(unitText.count)
      guard let unit = units[String(unitText)] else {
        throw TemplateFunctionError(
          "unknown unit \(GoQuote.quote(String(unitText))) in duration \(GoQuote.quote(original))")
      }
      guard unit.position > lastPosition else { throw invalid }
      lastPosition = unit.position
      if number > (1 << 63) / unit.nanoseconds { throw TemplateFunctionError("duration out of range") }
      let (sum, overflow) = total.addingReportingOverflow(number * unit.nanoseconds)
      if overflow || sum > UInt64(Int64.max) { throw TemplateFunctionError("duration out of range") }
      total = sum
    }
    return Double(Int64(total)) / 1e9
  }
}
