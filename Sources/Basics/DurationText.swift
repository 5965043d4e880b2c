/// Durations as the command line, scenario files and the DSL write them: Prometheus's units
/// (`90s`, `5m`, `1h30m`, `500ms`, `2d`, `1w`, `1y`, largest first) or bare seconds (`15`, `0.5`),
/// as Prometheus's HTTP API takes a `step`. One grammar, so `--step 15` and `interval 15` mean the
/// same. (PromQL's own durations are ``PromDuration``: no bare numbers there.)
public enum DurationText {
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
