/// Go's `time.Duration.String()`, which promtool, Prometheus's rule manager and Go templates print:
/// `1h2m3.5s`, `1.5ms`, `0s`.
public enum GoDuration {
  /// Go's `Duration.String`: `1h2m3.5s`, `1.5ms`, `0s`.
  public static func string(nanoseconds: Int64) -> String {
    let negative = nanoseconds < 0
    var magnitude = nanoseconds.magnitude
    var text: String
    if magnitude < 1_000_000_000 {
      let unit: String
      let precision: Int
      switch magnitude {
      case 0: return "0s"
      case ..<1000: (unit, precision) = ("ns", 0)
      case ..<1_000_000: (unit, precision) = ("µs", 3)
      default: (unit, precision) = ("ms", 6)
      }
      let (integer, fraction) = splitFraction(magnitude, digits: precision)
      text = "\(integer)\(fraction)\(unit)"
    } else {
      let (seconds, fraction) = splitFraction(magnitude, digits: 9)
      magnitude = seconds
      text = "\(magnitude % 60)\(fraction)s"
      magnitude /= 60
      if magnitude > 0 {
        text = "\(magnitude % 60)m" + text
        magnitude /= 60
        if magnitude > 0 { text = "\(magnitude)h" + text }
      }
    }
    return negative ? "-" + text : text
  }

  /// Splits `value / 10^digits` into the integer part and `.fraction` without trailing zeros.
  private static func splitFraction(_ value: UInt64, digits: Int) -> (UInt64, String) {
    // Nanoseconds have no fraction (and "0" padded to zero digits would be a negative count).
    guard digits > 0 else { return (value, "") }
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    var fraction = String(value % scale)
    fraction = String(repeating: "0", count: digits - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return (value / scale, fraction.isEmpty ? "" : "." + fraction)
  }

  /// ``string(nanoseconds:)`` of whole milliseconds (`1m30s`, `1h0m0s`, `500ms`).
  public static func string(milliseconds: Int64) -> String {
    let (nanoseconds, overflow) = milliseconds.multipliedReportingOverflow(by: 1_000_000)
    return string(nanoseconds: overflow ? (milliseconds < 0 ? .min : .max) : nanoseconds)
  }
}
