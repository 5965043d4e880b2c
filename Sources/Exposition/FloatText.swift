import Glibc

/// Number parsing with the rules of Prometheus's exposition parsers (Go's `strconv.ParseFloat`,
/// minus hex floats and underscores), on bytes.
enum FloatText {
  /// Exact powers of ten that a `Double` holds without rounding (Clinger's fast path).
  private static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  enum Failure: Error { case syntax, range }

  /// Parses a float token such as `1`, `-2.5e-3`, `.5`, `+Inf`, `NaN` or `infinity`.
  ///
  /// Rejects what Prometheus rejects: hex and binary literals, `_`, `+nan`, and values too large
  /// for a `Double` (Go reports those as a range error).
  static func parse(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result<Double, Failure> {
    var i = range.lowerBound
    let end = range.upperBound
    guard i < end else { return .failure(.syntax) }
    var negative = false
    var signed = false
    if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
      negative = p[i] == UInt8(ascii: "-")
      signed = true
      i += 1
      guard i < end else { return .failure(.syntax) }
    }
    let c = p[i] | 0x20
    if c == UInt8(ascii: "i") || c == UInt8(ascii: "n") {
      return special(p, i..<end, negative: negative, signed: signed)
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var dropped = 0  // digits beyond 19 that did not fit the mantissa, before the point
    var fractionDigits = 0
    var sawDigit = false
    var sawPoint = false
    while i < end {
      let b = p[i]
      if ByteClass.isDigit(b) {
        sawDigit = true
        if digits < 19 {
          if mantissa != 0 || b != UInt8(ascii: "0") { digits += 1 }
          mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
          if sawPoint { fractionDigits += 1 }
        } else if !sawPoint {
          dropped += 1
        }
        i += 1
      } else if b == UInt8(ascii: "."), !sawPoint {
        sawPoint = true
        i += 1
      } else {
        break
      }
    }
    guard sawDigit else { return .failure(.syntax) }
    var exponent = 0
    if i < end {
      guard p[i] | 0x20 == UInt8(ascii: "e") else { return .failure(.syntax) }
      i += 1
      var expNegative = false
      if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
        expNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      guard i < end else { return .failure(.syntax) }
      while i < end {
        guard ByteClass.isDigit(p[i]) else { return .failure(.syntax) }
        if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] - 0x30) }
        i += 1
      }
      if expNegative { exponent = -exponent }
    }
    let scale = exponent - fractionDigits + dropped
    if digits <= 15, dropped == 0, scale >= -22, scale <= 22 {
      var value = Double(mantissa)
      value = scale < 0 ? value / exactPowers[-scale] : value * exactPowers[scale]
      return .success(negative ? -value : value)
    }
    return slow(p, range)
  }

  private static func special(
    _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, negative: Bool, signed: Bool
  ) -> Result<Double, Failure> {
    // "infinity" is the longest word: a longer token need not be decoded (it may be megabytes).
    guard range.count <= 8 else { return .failure(.syntax) }
    let word = String(decoding: UnsafeBufferPointer(rebasing: p[range]), as: UTF8.self).lowercased()
    switch word {
    case "inf", "infinity": return .success(negative ? -.infinity : .infinity)
    case "nan" where !signed: return .success(.nan)
    default: return .failure(.syntax)
    }
  }

  /// Correctly rounded conversion through `strtod` for the inputs the fast path cannot take.
  private static func slow(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result<Double, Failure> {
    // A NUL-terminated copy on the stack: strtod needs a terminator, and the token is not one.
    let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { text in
      for (k, i) in range.enumerated() { text[k] = CChar(bitPattern: p[i]) }
      text[range.count] = 0
      return strtod(text.baseAddress!, nil)
    }
    return value.isInfinite ? .failure(.range) : .success(value)
  }

  /// Parses an unsigned decimal integer (a Prometheus text timestamp in milliseconds).
  static func parseInteger(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    guard !range.isEmpty else { return nil }
    var value: Int64 = 0
    for i in range {
      let b = p[i]
      guard ByteClass.isDigit(b) else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(b - 0x30))
      if o1 || o2 { return nil }
      value = s
    }
    return value
  }
}
