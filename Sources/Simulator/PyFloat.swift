/// Formats doubles as Ray's Python exporter does: `repr(float)`, except that positive values with
/// seven or more integer digits switch to an exponent (`5.76717816e+08`), as prometheus_client's
/// `floatToGoString` does to imitate Go.
enum PyFloat {
  /// Appends the text of `v` to `out`, without going through `String` for integral values.
  static func append(_ v: Double, to out: inout [UInt8]) {
    if v.isNaN {
      out.append(contentsOf: [0x4E, 0x61, 0x4E])  // NaN
      return
    }
    if v.isInfinite {
      out.append(contentsOf: v > 0 ? [0x2B, 0x49, 0x6E, 0x66] : [0x2D, 0x49, 0x6E, 0x66])
      return
    }
    let magnitude = v.magnitude
    if magnitude < 9_007_199_254_740_992, v == v.rounded(.towardZero) {
      appendIntegral(v, to: &out)
      return
    }
    appendGeneral(v, to: &out)
  }

  /// Integral values below 2^53: `N.0`, or `d.ddde+XX` when positive with 7+ digits.
  private static func appendIntegral(_ v: Double, to out: inout [UInt8]) {
    if v == 0 {
      // repr(-0.0) is '-0.0'.
      if v.sign == .minus { out.append(0x2D) }
      out.append(contentsOf: [0x30, 0x2E, 0x30])
      return
    }
    let n = UInt64(v.magnitude)
    var count = 1
    var power: UInt64 = 10
    while count < 19, n >= power {
      count += 1
      power &*= 10
    }
    if v < 0 || count < 7 {
      if v < 0 { out.append(0x2D) }
      appendDigits(n, count: count, to: &out)
      out.append(contentsOf: [0x2E, 0x30])
      return
    }
    // Python's repr switches to exponent notation itself from 1e16 on.
    if count >= 17 {
      appendGeneral(v, to: &out)
      return
    }
    var m = n
    var kept = count
    while m % 10 == 0 {
      m /= 10
      kept -= 1
    }
    if kept == 1 {
      out.append(UInt8(truncatingIfNeeded: m) &+ 0x30)
    } else {
      let at = out.count
      appendDigits(m, count: kept, to: &out)
      out.insert(0x2E, at: at + 1)
    }
    appendExponent(count - 1, to: &out)
  }

  /// Appends exactly `count` decimal digits of `n`.
  private static func appendDigits(_ n: UInt64, count: Int, to out: inout [UInt8]) {
    let start = out.count
    out.append(contentsOf: repeatElement(0x30, count: count))
    var n = n
    var i = start + count - 1
    while n > 0 {
      out[i] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
      n /= 10
      i -= 1
    }
  }

  private static func appendExponent(_ e: Int, to out: inout [UInt8]) {
    out.append(contentsOf: [0x65, 0x2B])  // e+
    out.append(UInt8(truncatingIfNeeded: e / 10) &+ 0x30)
    out.append(UInt8(truncatingIfNeeded: e % 10) &+ 0x30)
  }

  /// Swift's shortest round-trip `description` is Python's `repr` (same digits, same switch to
  /// exponent below 1e-4 and from 1e16, same `e-05` style); only the Go-style rule needs applying.
  private static func appendGeneral(_ v: Double, to out: inout [UInt8]) {
    let text = Array(v.description.utf8)
    guard v > 0, let dot = text.firstIndex(of: 0x2E), dot > 6, !text.contains(0x65) else {
      out.append(contentsOf: text)
      return
    }
    var mantissa: [UInt8] = [text[0], 0x2E]
    mantissa.append(contentsOf: text[1..<dot])
    mantissa.append(contentsOf: text[(dot + 1)...])
    while let last = mantissa.last, last == 0x30 || last == 0x2E { mantissa.removeLast() }
    out.append(contentsOf: mantissa)
    appendExponent(dot - 1, to: &out)
  }
}
