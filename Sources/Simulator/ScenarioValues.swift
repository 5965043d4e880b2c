import Basics

/// Readers for the quantities scenario files use; each returns nil when the text does not fit.
enum ScenarioValues {
  /// A duration as the command line takes it (``DurationText``): `90s`, `1m30s`, `500ms`, `2h`,
  /// `1d`, `0`, or bare seconds (`15`).
  static func duration(_ text: String) -> Int64? { DurationText.milliseconds(text) }

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

  /// A start time: unix seconds, or RFC 3339 (`2026-11-25T12:00:00Z`), from 1970 on.
  static func startTime(_ text: String) -> Int64? {
    if let n = Int64(text), n >= 0, n < 10_000_000_000 { return n * 1000 }
    guard let ms = RFC3339.milliseconds(text), ms >= 0, ms < 10_000_000_000_000 else { return nil }
    return ms
  }
}
