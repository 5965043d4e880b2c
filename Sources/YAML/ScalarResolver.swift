/// What a scalar's text means under go-yaml v3's resolution rules (YAML 1.2 core schema plus v3's
/// extras: `_` digit separators, 0o/0b prefixes and 1.1-style `0777` octals).
enum ResolvedScalar: Equatable {
  case null
  case bool(Bool)
  /// An integer; nil when it fits go-yaml's uint64 but not `Int`.
  case int(Int?, UInt64?)
  case float(Double)
  case timestamp
  case string
  case merge

  var tagName: String {
    switch self {
    case .null: return "!!null"
    case .bool: return "!!bool"
    case .int: return "!!int"
    case .float: return "!!float"
    case .timestamp: return "!!timestamp"
    case .string: return "!!str"
    case .merge: return "!!merge"
    }
  }
}

enum ScalarResolver {
  /// Resolves the text of a plain, untagged scalar (or one tagged with a core-schema tag).
  static func resolve(_ text: String, timestamps: Bool = true) -> ResolvedScalar {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case "<<": return .merge
    default: break
    }
    let bytes = Array(text.utf8)
    guard let first = bytes.first else { return .null }
    if first == UInt8(ascii: ".") {
      return isGoFloat(bytes) ? Double(text).map(ResolvedScalar.float) ?? .string : .string
    }
    let isDigit = first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
    guard isDigit || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return .string }
    if timestamps && isTimestamp(bytes) { return .timestamp }
    let plain = bytes.filter { $0 != UInt8(ascii: "_") }
    if let value = parseGoInt(plain) {
      return .int(Int(exactly: value), value >= 0 ? UInt64(value) : nil)
    }
    if let value = parseGoUInt(plain) { return .int(Int(exactly: value), value) }
    if isYAMLFloat(plain), let value = Double(String(decoding: plain, as: UTF8.self)), value.isFinite {
      return .float(value)
    }
    return .string
  }

  /// `strconv.ParseInt(s, 0, 64)`: optional sign, then 0x/0o/0b prefix, a leading 0 (octal) or decimal.
  private static func parseGoInt(_ bytes: [UInt8]) -> Int64? {
    var rest = bytes[...]
    var negative = false
    if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      negative = sign == UInt8(ascii: "-")
      rest = rest.dropFirst()
    }
    guard let magnitude = parseGoUInt(Array(rest)) else { return nil }
    if negative {
      if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
      return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  /// `strconv.ParseUint(s, 0, 64)`.
  private static func parseGoUInt(_ bytes: [UInt8]) -> UInt64? {
    var radix: UInt64 = 10
    var digits = bytes[...]
    if bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") {
      switch bytes[1] | 0x20 {
      case UInt8(ascii: "x"):
        radix = 16
        digits = digits.dropFirst(2)
      case UInt8(ascii: "o"):
        radix = 8
        digits = digits.dropFirst(2)
      case UInt8(ascii: "b"):
        radix = 2
        digits = digits.dropFirst(2)
      default:
        radix = 8
        digits = digits.dropFirst(1)
      }
    }
    guard !digits.isEmpty else { return nil }
    var value: UInt64 = 0
    for c in digits {
      guard let digit = Scanner.hexValue(c).map(UInt64.init), digit < radix else { return nil }
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: radix)
      let (sum, overflow2) = shifted.addingReportingOverflow(digit)
      guard !overflow1 && !overflow2 else { return nil }
      value = sum
    }
    return value
  }

  /// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
  private static func isYAMLFloat(_ bytes: [UInt8]) -> Bool {
    var i = 0
    func digits() -> Int {
      let start = i
      while i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i - start
    }
    if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return false }
    } else {
      guard digits() > 0 else { return false }
      if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
        i += 1
        _ = digits()
      }
    }
    if i < bytes.count && (bytes[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == bytes.count
  }

  /// What Go's `strconv.ParseFloat` accepts after a leading `.`: `.5`, `.5e3`.
  private static func isGoFloat(_ bytes: [UInt8]) -> Bool {
    bytes.first == UInt8(ascii: ".") && isYAMLFloat(bytes)
  }

  /// go-yaml's timestamp forms: `2006-1-2`, optionally followed by `T`, `t` or a space and
  /// `15:4:5[.fraction]`, with a `Z` or `±07:00` zone after `T`/`t` (required) and none after a space.
  private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
    var i = 0
    func number(maxDigits: Int) -> Int? {
      var value = 0
      let start = i
      while i < bytes.count, i - start < maxDigits, bytes[i] >= UInt8(ascii: "0"),
        bytes[i] <= UInt8(ascii: "9")
      {
        value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
        i += 1
      }
      return i > start ? value : nil
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < bytes.count, bytes[i] == c else { return false }
      i += 1
      return true
    }
    guard number(maxDigits: 4) != nil, i == 4, expect(UInt8(ascii: "-")),
      let month = number(maxDigits: 2), (1...12).contains(month), expect(UInt8(ascii: "-")),
      let day = number(maxDigits: 2), (1...31).contains(day)
    else { return false }
    if i == bytes.count { return true }
    let separator = bytes[i]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
    else { return false }
    i += 1
    guard let hour = number(maxDigits: 2), hour < 24, expect(UInt8(ascii: ":")),
      let minute = number(maxDigits: 2), minute < 60, expect(UInt8(ascii: ":")),
      let second = number(maxDigits: 2), second < 60
    else { return false }
    if expect(UInt8(ascii: ".")) {
      guard number(maxDigits: 9) != nil else { return false }
    }
    if separator == UInt8(ascii: " ") { return i == bytes.count }
    if expect(UInt8(ascii: "Z")) { return i == bytes.count }
    guard i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else {
      return false
    }
    i += 1
    guard let zoneHour = number(maxDigits: 2), zoneHour < 24, expect(UInt8(ascii: ":")),
      number(maxDigits: 2) != nil
    else { return false }
    return i == bytes.count
  }
}
