/// Escaping and compact number text for the HTML and SVG the report writes.
enum HTML {
  /// `text` safe inside element content and double-quoted attributes.
  static func escape(_ text: String) -> String {
    var needs = false
    // Control characters other than tab and newlines are not allowed in XML (a standalone SVG).
    for byte in text.utf8
    where byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39 || (byte < 32 && !isSpace(byte))
    {
      needs = true
      break
    }
    guard needs else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case _ where ch.value < 32 && !isSpace(UInt8(ch.value)): out += "\u{FFFD}"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 9 || byte == 10 || byte == 13 }

  /// `value` with one decimal at most (`12`, `12.5`, `-0.3`): SVG coordinates. Far cheaper than
  /// `String(format:)`, which matters with tens of thousands of points.
  static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let clamped = min(1e7, max(-1e7, value))
    let tenths = Int((clamped * 10).rounded())
    let whole = tenths / 10
    let fraction = abs(tenths % 10)
    if fraction == 0 { return String(whole) }
    return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(fraction)
  }

  /// A color value from a dashboard, reduced to characters that cannot leave an attribute.
  static func safeColor(_ color: String) -> String {
    let allowed = color.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0)
        || "#(),. %-".unicodeScalars.contains($0)
    }
    return allowed && !color.isEmpty && color.count < 40 ? color : "#8e8e8e"
  }
}
