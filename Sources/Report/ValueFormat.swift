import Foundation

/// Grafana's value formats for the units dashboards use most (`bytes`, `percent`, `percentunit`,
/// `s`, `ms`, `reqps`, `short`, ...); any other unit is shown as a suffix, as Grafana shows a
/// custom unit.
public struct ValueFormat: Hashable, Sendable {
  /// The unit id as written in the dashboard.
  public var unit: String
  /// Fixed decimals, when the panel sets them.
  public var decimals: Int?

  /// Creates the format.
  public init(unit: String = "short", decimals: Int? = nil) {
    self.unit = unit.isEmpty ? "short" : unit
    self.decimals = decimals.map { min(10, max(0, $0)) }
  }

  /// `value` as Grafana would print it.
  public func format(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
    switch unit {
    case "none": return number(value)
    case "short": return scaled(value, base: 1000, units: ["", " K", " Mil", " Bil", " Tri"])
    case "bytes":
      return scaled(value, base: 1024, units: ["B", " KiB", " MiB", " GiB", " TiB", " PiB"], space: " ")
    case "decbytes":
      return scaled(value, base: 1000, units: ["B", " kB", " MB", " GB", " TB", " PB"], space: " ")
    case "bits": return scaled(value, base: 1024, units: ["b", " Kib", " Mib", " Gib", " Tib"], space: " ")
    case "Bps", "binBps":
      return scaled(value, base: 1024, units: ["B/s", " KiB/s", " MiB/s", " GiB/s", " TiB/s"], space: " ")
    case "percent": return number(value) + "%"
    case "percentunit": return number(value * 100) + "%"
    case "s": return seconds(value)
    case "ms": return seconds(value / 1000)
    case "µs", "us": return seconds(value / 1_000_000)
    case "ns": return seconds(value / 1_000_000_000)
    case "reqps": return scaled(value, base: 1000, units: ["", " K", " Mil", " Bil"]) + " req/s"
    case "ops": return scaled(value, base: 1000, units: ["", " K", " Mil", " Bil"]) + " ops/s"
    case "cps": return scaled(value, base: 1000, units: ["", " K", " Mil", " Bil"]) + " c/s"
    default: return scaled(value, base: 1000, units: ["", " K", " Mil", " Bil", " Tri"]) + " " + unit
    }
  }

  /// A plain number with the panel's decimals, or as many as its size needs.
  func number(_ value: Double) -> String {
    let places = decimals ?? Self.autoDecimals(value)
    return Self.fixed(value, places)
  }

  func scaled(_ value: Double, base: Double, units: [String], space: String = "") -> String {
    var v = value
    var index = 0
    while abs(v) >= base && index < units.count - 1 {
      v /= base
      index += 1
    }
    let suffix = index == 0 && space == " " ? " " + units[0] : units[index]
    return number(v) + suffix
  }

  func seconds(_ value: Double) -> String {
    let a = abs(value)
    if a == 0 { return number(0) + " s" }
    if a < 1e-6 { return number(value * 1e9) + " ns" }
    if a < 1e-3 { return number(value * 1e6) + " µs" }
    if a < 1 { return number(value * 1e3) + " ms" }
    if a < 60 { return number(value) + " s" }
    if a < 3600 { return number(value / 60) + " min" }
    if a < 86_400 { return number(value / 3600) + " hour" }
    return number(value / 86_400) + " day"
  }

  /// Decimals by magnitude: whole numbers stay whole, small values keep two significant digits.
  static func autoDecimals(_ value: Double) -> Int {
    let a = abs(value)
    if a == 0 || (a >= 1 && abs(a - a.rounded()) < 1e-9 * a) { return 0 }
    if a >= 100 { return 0 }
    if a >= 10 { return 1 }
    if a >= 1 { return 2 }
    let digits = Int((-log10(a)).rounded(.down)) + 2
    return min(6, max(2, digits))
  }

  /// `value` with exactly `places` decimals, trailing zeros dropped when decimals were not fixed.
  static func fixed(_ value: Double, _ places: Int) -> String {
    let text = String(format: "%.\(places)f", value)
    return text == "-0" ? "0" : text
  }
}
