/// Readers for the quantities scenario files use; each returns nil when the text does not fit.
enum ScenarioValues {
  /// A Prometheus duration: `90s`, `1m30s`, `500ms`, `2h`, `1d`, or `0`.
  static func duration(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    let units: [(String, Int64)] = [
      ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
      ("w", 604_800_000),
    ]
    var rest = Substring(text)
    var total: Int64 = 0
    var lastUnit = Int64.max
    if rest.isEmpty { return nil }
    while !rest.isEmpty {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, digits.count <= 12, let n = Int64(digits) else { return nil }
      rest = rest.dropFirst(digits.count)
      guard
        let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) })
      else { return nil }
      // Units must go from largest to smallest, each at most once, as in Prometheus.
      guard unit.1 < lastUnit else { return nil }
      lastUnit = unit.1
      rest = rest.dropFirst(unit.0.count)
      let (product, overflow) = n.multipliedReportingOverflow(by: unit.1)
      guard !overflow else { return nil }
      let (sum, overflow2) = total.addingReportingOverflow(product)
      guard !overflow2 else { return nil }
      total = sum
    }
    return total
  }

  /// A byte size: `1e9`, `512MiB`, `8GiB`, `2GB`, `100KB`, `4096`.
  static func size(_ text: String) -> Double? {
    let units: [(String, Double)] = [
      ("KiB", 1_024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
      ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
    ]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      guard let n = number(String(text.dropLast(suffix.count))), n >= 0 else { return nil }
      return n * factor
    }
    guard let n = number(text), n >= 0 else { return nil }
    return n
  }

  /// A rate per second: `20/s`, `300/m`, `5/h`, or a bare number (per second).
  static func rate(_ text: String) -> Double? {
    let per: [(String, Double)] = [("/s", 1), ("/m", 60), ("/h", 3600)]
    for (suffix, seconds) in per where text.hasSuffix(suffix) {
      guard let n = number(String(text.dropLast(suffix.count))), n >= 0 else { return nil }
      return n / seconds
    }
    guard let n = number(text), n >= 0 else { return nil }
    return n
  }

  /// A fraction: `95%` or `0.95`.
  static func fraction(_ text: String) -> Double? {
    if text.hasSuffix("%") {
      guard let n = number(String(text.dropLast())), n >= 0 else { return nil }
      return n / 100
    }
    guard let n = number(text), n >= 0 else { return nil }
    return n
  }

  /// A finite decimal number (no hex, no `inf`, no `nan`).
  static func number(_ text: String) -> Double? {
    guard !text.isEmpty,
      text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
      let v = Double(text), v.isFinite
    else { return nil }
    return v
  }

  /// A positive integer that fits comfortably in an `Int`.
  static func count(_ text: String) -> Int? {
    guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text) else {
      return nil
    }
    return n
  }

  /// A dotted IPv4 address, as four octets.
  static func ipv4(_ text: String) -> [Int]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var octets: [Int] = []
    for p in parts {
      guard p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), n <= 255
      else { return nil }
      octets.append(n)
    }
    return octets
  }

  /// A start time: unix seconds, or RFC 3339 UTC (`2026-11-25T12:00:00Z`).
  static func startTime(_ text: String) -> Int64? {
    if let n = Int64(text), n >= 0, n < 10_000_000_000 { return n * 1000 }
    let b = Array(text.utf8)
    guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
      b[19] == 0x5A
    else { return nil }
    func int(_ r: Range<Int>) -> Int64? {
      var v: Int64 = 0
      for i in r {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        v = v * 10 + Int64(b[i] - 0x30)
      }
      return v
    }
    guard let y = int(0..<4), let mo = int(5..<7), let d = int(8..<10), let h = int(11..<13),
      let mi = int(14..<16), let s = int(17..<19), (1...12).contains(mo), (1...31).contains(d),
      h < 24, mi < 60, s < 60, y >= 1970
    else { return nil }
    // Days from the civil date (Howard Hinnant's algorithm).
    let yy = mo <= 2 ? y - 1 : y
    let era = yy / 400
    let yoe = yy - era * 400
    let mp = (mo + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000
  }
}
