import Basics
import Foundation
public import PromQL

/// One-line text pictures of a series for failure messages: `▁▂▃▅▇█`.
public enum Sparkline {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// A sparkline of `values` (NaN and stale points as spaces), at most `width` characters:
  /// longer series are bucketed, each bucket showing its largest value.
  public static func render(_ values: [Double], width: Int = 60) -> String {
    guard !values.isEmpty else { return "" }
    var points = values
    if points.count > width, width > 0 {
      points = (0..<width).map { i in
        let lo = i * values.count / width
        let hi = max(lo + 1, (i + 1) * values.count / width)
        return values[lo..<hi].filter { !$0.isNaN }.max() ?? .nan
      }
    }
    let finite = points.filter { $0.isFinite }
    guard let low = finite.min(), let high = finite.max() else {
      return String(repeating: " ", count: points.count)
    }
    return String(
      points.map { v -> Character in
        guard v.isFinite else { return " " }
        if high == low { return bars[3] }
        let index = Int(((v - low) / (high - low) * 7).rounded())
        return bars[min(7, max(0, index))]
      })
  }

  /// `▁▂▅█ (min 1, max 9)` for one series.
  public static func describe(_ series: Series, width: Int = 60) -> String {
    let values = series.values.map { StaleMarker.isStale($0) ? Double.nan : $0 }
    let finite = values.filter { $0.isFinite }
    let range =
      finite.isEmpty ? "no values" : "min \(number(finite.min() ?? 0)), max \(number(finite.max() ?? 0))"
    return render(values, width: width) + "  (\(range))"
  }

  /// Compact number text: integers plainly, others with 6 significant digits.
  public static func number(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.6g", v)
  }

  /// RFC 3339 UTC text of unix ms.
  public static func time(_ ms: Int64) -> String { RFC3339.format(ms) }

  /// Durations as the command line prints them: `285ms` under a second, `12.5s` under a
  /// minute, whole seconds above (`1m31s`, `1h5s`).
  public static func duration(_ ms: Int64) -> String { DurationText.format(ms) }
}
