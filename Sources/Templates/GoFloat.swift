import Foundation

/// Float formatting as Go's `strconv`/`fmt` do it.
enum GoFloat {
  /// The shortest decimal digits that round-trip `value` (finite, non-zero) and the decimal point
  /// position: `value = 0.DIGITS × 10^point`. Swift's `description` already prints shortest
  /// round-trip digits, so they are taken from there.
  static func shortestDigits(_ value: Double) -> (digits: [Character], point: Int) {
    let text = "\(abs(value))"
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var digits: [Character] = []
    var point = 0
    var seenPoint = false
    for character in mantissa {
      if character == "." {
        seenPoint = true
      } else {
        digits.append(character)
        if !seenPoint { point += 1 }
      }
    }
    point += exponent
    while let first = digits.first, first == "0", digits.count > 1 {
      digits.removeFirst()
      point -= 1
    }
    while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
    return (digits, point)
  }

  /// `strconv.FormatFloat(value, 'g', -1, 64)`, which is also how `%v` and `fmt.Print` show a
  /// float64: `0.1`, `100`, `1e+06`, `1.5e-07`, `+Inf`, `NaN`.
  static func shortest(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0" }
    let (digits, point) = shortestDigits(value)
    let exponent = point - 1
    if exponent < -4 || exponent >= eprec {
      return sign + exponential(digits, exponent: exponent)
    }
    return sign + fixed(digits, point: point)
  }

  /// Go uses precision 6 to choose between `%e` and `%f` for shortest `%g`.
  private static let eprec = 6

  /// `%e` layout of shortest digits.
  static func exponential(_ digits: [Character], exponent: Int) -> String {
    var result = String(digits[0])
    if digits.count > 1 { result += "." + String(digits[1...]) }
    return result + exponentSuffix(exponent, letter: "e")
  }

  static func exponentSuffix(_ exponent: Int, letter: Character) -> String {
    let magnitude = String(abs(exponent))
    return String(letter) + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
  }

  /// `%f` layout of shortest digits.
  static func fixed(_ digits: [Character], point: Int) -> String {
    if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(digits) }
    if point >= digits.count { return String(digits) + String(repeating: "0", count: point - digits.count) }
    return String(digits[..<point]) + "." + String(digits[point...])
  }

  /// `%e`, `%f` or `%g` with an explicit precision, without sign handling for Inf/NaN (the
  /// caller does that). C's printf rounds correctly and lays these out as Go does.
  static func withPrecision(_ value: Double, verb: Character, precision: Int, sharp: Bool) -> String {
    let clamped = min(max(precision, 0), 1000)
    let format = "%" + (sharp ? "#" : "") + ".\(clamped)" + String(verb)
    return String(format: format, value)
  }

  /// `%x`/`%X` of a float: Go's hexadecimal mantissa-exponent form, e.g. `0x1.8p+01`.
  static func hexadecimal(_ value: Double, upper: Bool) -> String {
    var text = String(format: "%a", value)
    if let p = text.firstIndex(of: "p") {
      let exponent = Int(text[text.index(after: p)...]) ?? 0
      text = String(text[..<p]) + exponentSuffix(exponent, letter: "p")
    }
    return upper ? text.uppercased() : text
  }

  /// `%b` of a float: decimalless scientific notation with a binary exponent, e.g. `4503599627370496p-52`.
  static func binaryExponent(_ value: Double) -> String {
    let bits = value.bitPattern
    var exponent = Int((bits >> 52) & 0x7FF)
    var mantissa = bits & ((1 << 52) - 1)
    if exponent == 0 {
      exponent = 1
    } else {
      mantissa |= 1 << 52
    }
    exponent -= 1023 + 52
    return (value.sign == .minus ? "-" : "") + "\(mantissa)p" + (exponent >= 0 ? "+" : "") + "\(exponent)"
  }
}

/// Converts a Double to Int64 the way Go does on amd64: out-of-range values and NaN become
/// `math.MinInt64` instead of trapping.
func goInt64(_ value: Double) -> Int64 {
  guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else {
    return Int64.min
  }
  return Int64(value)
}
