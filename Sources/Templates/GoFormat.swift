import Basics

/// Go's `fmt` package as far as templates need it: `Sprint`, `Sprintln`, `Sprintf` and `%v` printing.
enum GoFormat {
  struct Flags {
    var plus = false
    /// `%+v`: field names in structs; the `+` itself then no longer applies to numbers.
    var plusV = false
    var minus = false
    var sharp = false
    var space = false
    var zero = false
    var width: Int?
    var precision: Int?
  }

  /// `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither is a string.
  static func sprint(_ args: [TemplateValue]) -> String {
    var result = ""
    var previousIsString = false
    for (index, arg) in args.enumerated() {
      let isString: Bool
      if case .string = arg { isString = true } else { isString = false }
      if index > 0 && !isString && !previousIsString { result += " " }
      result += format(arg, verb: "v", flags: Flags())
      previousIsString = isString
    }
    return result
  }

  /// `fmt.Sprintln`: operands printed with `%v`, always separated by spaces, then a newline.
  static func sprintln(_ args: [TemplateValue]) -> String {
    args.map { format($0, verb: "v", flags: Flags()) }.joined(separator: " ") + "\n"
  }

  /// `fmt.Sprintf`.
  static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
    let scalars = Array(format.unicodeScalars)
    var result = ""
    var argIndex = 0
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      index += 1
      guard scalar == "%" else {
        result.unicodeScalars.append(scalar)
        continue
      }
      var flags = Flags()
      flagLoop: while index < scalars.count {
        switch scalars[index] {
        case "+": flags.plus = true
        case "-": flags.minus = true
        case "#": flags.sharp = true
        case " ": flags.space = true
        case "0": flags.zero = true
        default: break flagLoop
        }
        index += 1
      }
      func number() -> Int? {
        var value: Int?
        while index < scalars.count, let digit = Int(String(scalars[index])), scalars[index].isASCII {
          value = min((value ?? 0) &* 10 &+ digit, 1_000_000)
          index += 1
        }
        return value
      }
      var badWidth = false
      var badPrecision = false
      if index < scalars.count && scalars[index] == "*" {
        index += 1
        if argIndex < args.count, case .int(let width) = args[argIndex], abs(width) <= 1_000_000 {
          flags.width = abs(width)
          if width < 0 { flags.minus = true }
        } else {
          badWidth = true
        }
        argIndex += 1
      } else {
        flags.width = number()
      }
      if index < scalars.count && scalars[index] == "." {
        index += 1
        if index < scalars.count && scalars[index] == "*" {
          index += 1
          if argIndex < args.count, case .int(let precision) = args[argIndex], precision >= 0,
            precision <= 1_000_000
          {
            flags.precision = precision
          } else {
            badPrecision = true
          }
          argIndex += 1
        } else {
          flags.precision = number() ?? 0
        }
      }
      if badWidth { result += "%!(BADWIDTH)" }
      if badPrecision { result += "%!(BADPREC)" }
      guard index < scalars.count else {
        result += "%!(NOVERB)"
        break
      }
      let verb = Character(scalars[index])
      index += 1
      if verb == "%" {
        result += "%"
        continue
      }
      guard argIndex < args.count else {
        result += "%!\(verb)(MISSING)"
        continue
      }
      if flags.minus { flags.zero = false }
      if verb == "v" {
        flags.plusV = flags.plus
        flags.plus = false
        flags.sharp = false
      }
      result += self.format(args[argIndex], verb: verb, flags: flags)
      argIndex += 1
    }
    if argIndex < args.count {
      let extra = args[argIndex...].map { arg in
        arg == .null ? "<nil>" : "\(arg.goTypeName)=\(self.format(arg, verb: "v", flags: Flags()))"
      }
      result += "%!(EXTRA " + extra.joined(separator: ", ") + ")"
    }
    return result
  }

  /// Formats one operand with a verb.
  static func format(_ value: TemplateValue, verb: Character, flags: Flags) -> String {
    if verb == "T" { return pad(value.goTypeName, flags) }
    switch value {
    case .null:
      return verb == "v" ? pad("<nil>", flags) : "%!\(verb)(<nil>)"
    case .bool(let bool):
      guard verb == "v" || verb == "t" else { return bad(value, verb) }
      return pad(bool ? "true" : "false", flags)
    case .int(let int):
      return formatInt(int, verb: verb, flags: flags) ?? bad(value, verb)
    case .float(let float):
      return formatFloat(float, verb: verb, flags: flags) ?? bad(value, verb)
    case .string(let string):
      return formatString(string, verb: verb, flags: flags) ?? bad(value, verb)
    case .time, .duration:
      let text = GoTime.string(of: value)
      return formatString(text, verb: verb, flags: flags) ?? bad(value, verb)
    case .list(let items):
      return "[" + items.map { nested($0, verb: verb, flags: flags) }.joined(separator: " ") + "]"
    case .map(let entries):
      let parts = sortedKeys(entries).map { key in
        nested(.string(key), verb: verb, flags: flags) + ":"
          + nested(entries[key] ?? .null, verb: verb, flags: flags)
      }
      return "map[" + parts.joined(separator: " ") + "]"
    case .stringMap(let entries):
      let parts = sortedKeys(entries).map { key in
        nested(.string(key), verb: verb, flags: flags) + ":"
          + nested(.string(entries[key] ?? ""), verb: verb, flags: flags)
      }
      return "map[" + parts.joined(separator: " ") + "]"
    case .record(let record):
      let parts = record.fields.map { field in
        (flags.plusV ? field.name + ":" : "") + nested(field.value, verb: verb, flags: flags)
      }
      return "{" + parts.joined(separator: " ") + "}"
    }
  }

  /// An element inside a composite value: nil prints as `<nil>` whatever the verb.
  private static func nested(_ value: TemplateValue, verb: Character, flags: Flags) -> String {
    if value == .null { return pad("<nil>", flags) }
    return format(value, verb: verb, flags: flags)
  }

  private static func bad(_ value: TemplateValue, _ verb: Character) -> String {
    "%!\(verb)(\(value.goTypeName)=\(format(value, verb: "v", flags: Flags())))"
  }

  /// Pads to the width with spaces (or zeros with the `0` flag), on the left unless `-`.
  static func pad(_ text: String, _ flags: Flags, zeroAllowed: Bool = true) -> String {
    guard let width = flags.width else { return text }
    let count = text.unicodeScalars.count
    guard count < width else { return text }
    let fill = String(repeating: flags.zero && zeroAllowed && !flags.minus ? "0" : " ", count: width - count)
    return flags.minus ? text + fill : fill + text
  }

  private static func formatString(_ text: String, verb: Character, flags: Flags) -> String? {
    switch verb {
    case "v", "s":
      var shown = text
      if let precision = flags.precision, precision < text.unicodeScalars.count {
        shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(precision)))
      }
      return pad(shown, flags)
    case "q":
      if flags.sharp && goCanBackquote(text) { return pad("`" + text + "`", flags) }
      return pad(GoQuote.quote(text), flags)
    case "x", "X":
      var bytes = Array(text.utf8)
      if let precision = flags.precision { bytes = Array(bytes.prefix(precision)) }
      let digits = bytes.map { byte -> String in
        let hex = String(byte, radix: 16, uppercase: verb == "X")
        return (hex.count < 2 ? "0" : "") + hex
      }
      let prefix = flags.sharp ? (verb == "X" ? "0X" : "0x") : ""
      if flags.space { return pad(digits.map { prefix + $0 }.joined(separator: " "), flags) }
      return pad(digits.isEmpty ? "" : prefix + digits.joined(), flags)
    default:
      return nil
    }
  }

  private static func formatInt(_ value: Int, verb: Character, flags: Flags) -> String? {
    let magnitude = value.magnitude
    switch verb {
    case "v", "d": return integer(magnitude, negative: value < 0, radix: 10, flags: flags)
    case "b":
      return integer(magnitude, negative: value < 0, radix: 2, flags: flags, prefix: flags.sharp ? "0b" : "")
    case "o": return integer(magnitude, negative: value < 0, radix: 8, flags: flags, octalSharp: flags.sharp)
    case "O": return integer(magnitude, negative: value < 0, radix: 8, flags: flags, prefix: "0o")
    case "x", "X":
      let prefix = flags.sharp ? (verb == "x" ? "0x" : "0X") : ""
      return integer(
        magnitude, negative: value < 0, radix: 16, flags: flags, prefix: prefix, upper: verb == "X")
    case "c":
      return pad(scalar(value).map { String($0) } ?? "\u{FFFD}", flags)
    case "q":
      return pad(GoQuote.rune((scalar(value) ?? "\u{FFFD}").value), flags)
    case "U":
      let hex = String(magnitude, radix: 16, uppercase: true)
      var text = "U+" + String(repeating: "0", count: max(0, max(4, flags.precision ?? 0) - hex.count)) + hex
      if flags.sharp, let rune = scalar(value), GoQuote.isPrint(rune.value) { text += " '\(rune)'" }
      return pad(text, flags, zeroAllowed: false)
    default: return nil
    }
  }

  private static func scalar(_ value: Int) -> Unicode.Scalar? {
    guard value >= 0, value <= 0x10FFFF else { return nil }
    return Unicode.Scalar(UInt32(value))
  }

  private static func integer(
    _ magnitude: UInt, negative: Bool, radix: Int, flags: Flags, prefix: String = "", upper: Bool = false,
    octalSharp: Bool = false
  ) -> String {
    var digits = String(magnitude, radix: radix, uppercase: upper)
    if let precision = flags.precision {
      if precision == 0 && magnitude == 0 { digits = "" }
      if digits.count < precision {
        digits = String(repeating: "0", count: precision - digits.count) + digits
      }
    } else if flags.zero, !flags.minus, var width = flags.width {
      // Go counts the sign, but not the 0x prefix, against the zero-padded width.
      if negative || flags.plus || flags.space { width -= 1 }
      if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
    }
    if octalSharp && !digits.hasPrefix("0") { digits = "0" + digits }
    let sign = negative ? "-" : flags.plus ? "+" : flags.space ? " " : ""
    var noZero = flags
    noZero.zero = false
    return pad(sign + prefix + digits, noZero)
  }

  private static func formatFloat(_ value: Double, verb: Character, flags: Flags) -> String? {
    var number: String
    switch verb {
    case "v", "g", "G":
      if let precision = flags.precision, value.isFinite {
        number = GoFloat.withPrecision(
          value, verb: verb == "G" ? "G" : "g", precision: precision, sharp: flags.sharp)
      } else {
        number = GoFloat.shortest(value)
        if verb == "G" { number = number.uppercased() }
      }
    case "e", "E", "f", "F":
      number =
        value.isFinite
        ? GoFloat.withPrecision(value, verb: verb, precision: flags.precision ?? 6, sharp: flags.sharp)
        : GoFloat.shortest(value)
    case "x", "X":
      number = value.isFinite ? GoFloat.hexadecimal(value, upper: verb == "X") : GoFloat.shortest(value)
    case "b":
      number = value.isFinite ? GoFloat.binaryExponent(value) : GoFloat.shortest(value)
    default:
      return nil
    }
    if value.isNaN {
      let sign = flags.plus ? "+" : flags.space ? " " : ""
      return pad(sign + "NaN", flags, zeroAllowed: false)
    }
    var sign = "+"
    if number.hasPrefix("-") || number.hasPrefix("+") {
      sign = String(number.prefix(1))
      number.removeFirst()
    }
    if flags.space && sign == "+" && !flags.plus { sign = " " }
    if value.isInfinite { return pad(sign + number, flags, zeroAllowed: false) }
    let showSign = flags.plus || sign != "+"
    let text = (showSign ? sign : "") + number
    if flags.zero, !flags.minus, let width = flags.width, width > text.unicodeScalars.count {
      let zeros = String(repeating: "0", count: width - text.unicodeScalars.count)
      return (showSign ? sign : "") + zeros + number
    }
    return pad(text, flags, zeroAllowed: false)
  }

  /// How a template action prints its value: `<no value>` for nil, otherwise `%v`.
  static func printed(_ value: TemplateValue) -> String {
    value == .null ? "<no value>" : format(value, verb: "v", flags: Flags())
  }
}
