import Foundation

/// UTF-8 decoding with Go's rules: an invalid sequence decodes as U+FFFD with width 1.
enum UTF8Decoding {
  static func decode(_ bytes: [UInt8], at index: Int) -> (scalar: UInt32, width: Int) {
    guard index < bytes.count else { return (0xFFFD, 0) }
    let b0 = UInt32(bytes[index])
    if b0 < 0x80 { return (b0, 1) }
    func continuation(_ offset: Int) -> UInt32? {
      guard index + offset < bytes.count else { return nil }
      let byte = UInt32(bytes[index + offset])
      return byte & 0xC0 == 0x80 ? byte & 0x3F : nil
    }
    if b0 >= 0xC2, b0 <= 0xDF, let c1 = continuation(1) {
      return ((b0 & 0x1F) << 6 | c1, 2)
    }
    if b0 >= 0xE0, b0 <= 0xEF, let c1 = continuation(1), let c2 = continuation(2) {
      let value = (b0 & 0x0F) << 12 | c1 << 6 | c2
      if value >= 0x800, !(0xD800..<0xE000).contains(value) { return (value, 3) }
    }
    if b0 >= 0xF0, b0 <= 0xF4, let c1 = continuation(1), let c2 = continuation(2),
      let c3 = continuation(3)
    {
      let value = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
      if value >= 0x10000, value <= 0x10FFFF { return (value, 4) }
    }
    return (0xFFFD, 1)
  }
}

/// Decimal digits and exponent of the shortest representation that round-trips.
private func shortestDigits(_ value: Double) -> (digits: [UInt8], pointPosition: Int) {
  // Swift's description is the shortest round-tripping form, e.g. "1.5e-07" or "123.0".
  let text = value.magnitude.description
  var mantissa = text
  var exponent = 0
  if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
    mantissa = String(text[text.startIndex..<e])
    exponent = Int(text[text.index(after: e)...]) ?? 0
  }
  var digits: [UInt8] = []
  var pointPosition = 0
  var seenPoint = false
  for byte in mantissa.utf8 {
    if byte == UInt8(ascii: ".") {
      seenPoint = true
      continue
    }
    digits.append(byte - UInt8(ascii: "0"))
    if !seenPoint { pointPosition += 1 }
  }
  while digits.count > 1, digits.first == 0 {
    digits.removeFirst()
    pointPosition -= 1
  }
  while digits.count > 1, digits.last == 0 { digits.removeLast() }
  if digits == [0] { return ([0], 1) }
  return (digits, pointPosition + exponent)
}

/// Go's `strconv.FormatFloat(v, 'f', -1, 64)`: no exponent, shortest digits, `+Inf`/`-Inf`/`NaN`.
func goFormatFloatF(_ value: Double) -> String {
  if value.isNaN { return "NaN" }
  if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
  let (digits, point) = shortestDigits(value)
  var out = value.sign == .minus ? "-" : ""
  if point <= 0 {
    out += "0."
    out += String(repeating: "0", count: -point)
    out += digits.map { String($0) }.joined()
  } else if point >= digits.count {
    out += digits.map { String($0) }.joined()
    out += String(repeating: "0", count: point - digits.count)
  } else {
    out += digits[0..<point].map { String($0) }.joined()
    out += "."
    out += digits[point...].map { String($0) }.joined()
  }
  return out
}

/// Go's `strconv.FormatFloat(v, 'e', -1, 64)`: shortest digits as `d.ddde±XX`.
func goFormatFloatE(_ value: Double) -> String {
  if value.isNaN { return "NaN" }
  if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
  let (digits, point) = shortestDigits(value)
  let exponent = digits == [0] ? 0 : point - 1
  var out = value.sign == .minus ? "-" : ""
  out += String(digits[0])
  if digits.count > 1 { out += "." + digits[1...].map { String($0) }.joined() }
  out += exponent < 0 ? "e-" : "e+"
  let magnitude = abs(exponent)
  out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
  return out
}

/// Go's `%v` of a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`): shortest digits, exponent form
/// when the decimal exponent is below -4 or at least 6 (`1e+06`).
func goFormatFloatG(_ value: Double) -> String {
  if value.isNaN { return "NaN" }
  if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
  let point = shortestDigits(value).pointPosition
  let exponent = point - 1
  if exponent < -4 || exponent >= 6 { return goFormatFloatE(value) }
  return goFormatFloatF(value)
}

/// Go's `%f`: six decimals, `+Inf`, `-Inf`, `NaN`.
func goFormatFixed6(_ value: Double) -> String {
  if value.isNaN { return "NaN" }
  if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
  return String(format: "%.6f", value)
}
