/// A value token read as `[-]digits[.digits][suffix]`, so a changed value can be stored as an
/// integer difference of its digits while its exact text is kept.
///
/// `2212.0 -> 2250.0` becomes mantissa 22120 -> 22500 (delta 380) with one fraction digit;
/// `1.41381632e+08 -> 1.41385728e+08` keeps the `e+08` suffix and 8 fraction digits. The encoder
/// only uses a delta when ``render(mantissa:into:)`` of the new mantissa gives back the exact text.
struct DecimalToken {
  /// Digits without the point, signed.
  var mantissa: Int64
  /// Number of digits after the point (0 when there is no point).
  var fractionDigits: Int
  /// Bytes after the digits (e.g. `e+08`), as a range of the token.
  var suffix: Range<Int>
  /// Step in which deltas from this token are stored: `10^fractionDigits` when every fraction
  /// digit is 0 (an integer written as `N.0`), else 1. Saves a varint byte on most counters.
  var unit: Int64

  /// Reads `token`; nil when it does not have the shape or has more than 18 digits.
  init?(_ token: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let count = token.count
    var negative = false
    if index < count && token[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    var digits = 0
    var value: Int64 = 0
    var fraction = 0
    var seenPoint = false
    while index < count {
      let byte = token[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        if digits > 18 { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        if seenPoint { fraction += 1 }
      } else if byte == UInt8(ascii: "."), !seenPoint, digits > 0 {
        seenPoint = true
      } else {
        break
      }
      index += 1
    }
    if digits == 0 || (seenPoint && fraction == 0) { return nil }
    mantissa = negative ? -value : value
    fractionDigits = fraction
    var scale: Int64 = 1
    for _ in 0..<fraction { scale *= 10 }
    unit = fraction > 0 && value % scale == 0 ? scale : 1
    suffix = index..<count
  }

  /// Appends the text of `mantissa` in this token's shape (fraction digits, suffix from `token`).
  static func render(
    mantissa: Int64, fractionDigits: Int, suffix: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
  ) {
    if mantissa < 0 { out.append(UInt8(ascii: "-")) }
    // At most 20 digits; written backwards into a fixed buffer, then zero-padded so that at
    // least one digit precedes the point.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
      var magnitude = mantissa.magnitude
      var count = 0
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      let width = max(count, min(fractionDigits, 40) + 1)
      while count < width {
        buffer[count] = UInt8(ascii: "0")
        count += 1
      }
      var position = count
      while position > 0 {
        position -= 1
        out.append(buffer[position])
        if fractionDigits > 0 && position == fractionDigits { out.append(UInt8(ascii: ".")) }
      }
    }
    out.append(contentsOf: suffix)
  }
}
