/// Grafana's interval arithmetic for Prometheus panels: the panel interval from the time range and
/// max data points rounded to a "nice" step, the query step (min step, the 11,000-point limit,
/// the interval factor), and `$__interval`/`$__rate_interval` text.
public enum GrafanaInterval {
  /// Grafana's table of nice intervals: a raw interval below each bound becomes that step (ms).
  static let niceSteps: [(below: Int64, step: Int64)] = [
    (15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1_500, 1_000), (3_500, 2_000),
    (7_500, 5_000), (12_500, 10_000), (17_500, 15_000), (25_000, 20_000), (45_000, 30_000),
    (90_000, 60_000), (210_000, 120_000), (450_000, 300_000), (750_000, 600_000), (1_050_000, 900_000),
    (1_500_000, 1_200_000), (2_700_000, 1_800_000), (5_400_000, 3_600_000), (9_000_000, 7_200_000),
    (16_200_000, 10_800_000), (32_400_000, 21_600_000), (86_400_000, 43_200_000),
    (604_800_000, 86_400_000), (1_814_400_000, 604_800_000), (3_628_800_000, 2_592_000_000),
  ]

  /// Rounds a raw interval (ms) to Grafana's nice step.
  public static func round(_ ms: Int64) -> Int64 {
    for entry in niceSteps where ms < entry.below { return entry.step }
    return 31_536_000_000
  }

  /// `calculateInterval`: range divided by max data points, rounded, at least `minimum` (ms).
  public static func panelInterval(rangeMs: Int64, maxDataPoints: Int, minimumMs: Int64) -> Int64 {
    let raw = rangeMs / Int64(max(1, maxDataPoints))
    return max(round(raw), max(1, minimumMs))
  }

  /// The range query step: the panel interval (or the target's min step), at least the
  /// interval that keeps a series under Prometheus's 11,000 points, times the interval factor.
  public static func step(
    panelIntervalMs: Int64, targetMinStepMs: Int64?, rangeMs: Int64, intervalFactor: Int
  )
    -> Int64
  {
    var safe = Double(rangeMs) / 11_000
    if safe > 1000 { safe = (safe / 1000).rounded(.up) * 1000 }
    let base = max(panelIntervalMs, targetMinStepMs ?? 0)
    return max(saturating(base, times: Int64(max(1, intervalFactor))), Int64(safe.rounded(.up)), 1)
  }

  /// `$__rate_interval`: `max($__interval + scrape interval, 4 * scrape interval)`.
  public static func rateInterval(stepMs: Int64, scrapeIntervalMs: Int64) -> Int64 {
    let scrape = scrapeIntervalMs > 0 ? scrapeIntervalMs : 15_000
    let (sum, overflow) = stepMs.addingReportingOverflow(scrape)
    return max(overflow ? Int64.max : sum, saturating(scrape, times: 4))
  }

  /// `a * b`, or `Int64.max` when that overflows (intervals come from user input).
  static func saturating(_ a: Int64, times b: Int64) -> Int64 {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int64.max : product
  }

  /// Grafana's interval text: the largest whole unit (`90s` shows as `1m`, as Grafana does).
  public static func text(_ ms: Int64) -> String {
    let units: [(Int64, String)] = [
      (31_536_000_000, "y"), (86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms"),
    ]
    for (size, unit) in units where ms >= size { return "\(ms / size)\(unit)" }
    return "1ms"
  }

  /// Exact duration text Prometheus accepts (`1m15s`, `500ms`), for `$__rate_interval`.
  public static func exactText(_ ms: Int64) -> String {
    if ms <= 0 { return "0s" }
    var rest = ms
    var out = ""
    for (size, unit) in [(Int64(86_400_000), "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
    where rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    return out
  }

  /// Parses Grafana interval text: `15s`, `1m`, `500ms`, `1h30m`, `2d`, `1w`, `1y`, or bare seconds
  /// (`30`); a leading `>` (old "at least" syntax) is ignored.
  public static func parse(_ text: String) -> Int64? {
    var s = Substring(text.trimmingCharactersInSet(" "))
    if s.hasPrefix(">") { s = s.dropFirst() }
    guard !s.isEmpty else { return nil }
    // Up to about 290 years: longer does not fit in milliseconds and is no interval anyway.
    if let seconds = Double(s), seconds.isFinite, seconds >= 0 {
      return seconds <= 9e12 ? Int64((seconds * 1000).rounded()) : nil
    }
    let units: [(String, Int64)] = [
      ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
      ("y", 31_536_000_000),
    ]
    var total: Int64 = 0
    while !s.isEmpty {
      let digits = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !digits.isEmpty, let n = Double(digits) else { return nil }
      s = s.dropFirst(digits.count)
      guard
        let (unit, size) = units.first(where: { s.hasPrefix($0.0) && !($0.0 == "m" && s.hasPrefix("ms")) })
      else { return nil }
      s = s.dropFirst(unit.count)
      let product = n * Double(size)
      guard product < 9e18 else { return nil }
      let (sum, overflow) = total.addingReportingOverflow(Int64(product.rounded()))
      guard !overflow else { return nil }
      total = sum
    }
    return total
  }
}

extension String {
  func trimmingCharactersInSet(_ set: String) -> String {
    let chars = Set(set)
    var s = Substring(self)
    while let f = s.first, chars.contains(f) { s = s.dropFirst() }
    while let l = s.last, chars.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
