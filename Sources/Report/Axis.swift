/// Tick positions and labels for the value and time axes.
enum Axis {
  /// About `count` round values (1, 2 or 5 times a power of ten) covering `lo...hi`.
  static func valueTicks(lo: Double, hi: Double, count: Int) -> [Double] {
    let span = hi - lo
    guard span > 0, span.isFinite, count > 0 else { return [lo] }
    let raw = span / Double(count)
    let power = Double.pow10(floorLog10(raw))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
    var ticks: [Double] = []
    let first = (lo / step).rounded(.up)
    var k = 0.0
    while (first + k) * step <= hi + step * 1e-9 && ticks.count < 50 {
      let v = (first + k) * step
      ticks.append(abs(v) < step * 1e-9 ? 0 : v)
      k += 1
    }
    return ticks
  }

  /// A nice upper bound at or above `hi` on the tick grid.
  static func niceMax(lo: Double, hi: Double, count: Int) -> Double {
    let span = hi - lo
    guard span > 0, span.isFinite, count > 0 else { return hi }
    let raw = span / Double(count)
    let power = Double.pow10(floorLog10(raw))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
    return (hi / step).rounded(.up) * step
  }

  static func floorLog10(_ x: Double) -> Int {
    guard x > 0, x.isFinite else { return 0 }
    var e = 0
    var v = x
    while v >= 10 && e < 300 {
      v /= 10
      e += 1
    }
    while v < 1 && e > -300 {
      v *= 10
      e -= 1
    }
    return e
  }

  static let timeSteps: [Int64] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
    172_800, 604_800,
  ].map { $0 * 1000 }

  /// Times on a round step (`1m`, `5m`, `1h`, ...) within `from...to`, about `count` of them.
  static func timeTicks(from: Int64, to: Int64, count: Int) -> (ticks: [Int64], stepMs: Int64) {
    let span = max(1, to - from)
    let wanted = span / Int64(max(1, count))
    let step = timeSteps.first { $0 >= wanted } ?? timeSteps[timeSteps.count - 1]
    var t = (from / step) * step
    if t < from { t += step }
    var ticks: [Int64] = []
    while t <= to && ticks.count < 60 {
      ticks.append(t)
      t += step
    }
    return (ticks, step)
  }

  /// `HH:mm` (UTC), with seconds when the step is under a minute, with the date when over a day.
  static func timeLabel(_ ms: Int64, stepMs: Int64) -> String {
    let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    let day = seconds >= 0 ? seconds % 86_400 : (seconds % 86_400 + 86_400) % 86_400
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let hm = two(day / 3600) + ":" + two(day / 60 % 60)
    if stepMs < 60_000 { return hm + ":" + two(day % 60) }
    return hm
  }
}

extension Double {
  /// 10 to the power `e`, exact for the exponents axes use.
  static func pow10(_ e: Int) -> Double {
    var v = 1.0
    if e >= 0 {
      for _ in 0..<min(e, 308) { v *= 10 }
    } else {
      for _ in 0..<min(-e, 308) { v /= 10 }
    }
    return v
  }
}
