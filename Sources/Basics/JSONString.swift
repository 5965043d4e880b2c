/// JSON string literals, written the one way every writer of the project writes them: quotes,
/// backslashes and control characters escaped (`\n`, `\r`, `\t`, else `\u00XX`), everything else
/// copied as UTF-8.
public enum JSONString {
  private static let hex = Array("0123456789abcdef".utf8)

  /// Appends `text` as a JSON string literal. With `htmlSafe`, `<`, `>` and `&` are escaped too
  /// (`\u003c`), as Go's `encoding/json` and the Prometheus HTTP API write them.
  public static func append(_ text: String, to out: inout [UInt8], htmlSafe: Bool = false) {
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        appendUnicodeEscape(byte, to: &out)
      case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
        if htmlSafe { appendUnicodeEscape(byte, to: &out) } else { out.append(byte) }
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// `text` as a JSON string literal.
  public static func quote(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 2)
    append(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private static func appendUnicodeEscape(_ byte: UInt8, to out: inout [UInt8]) {
    out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
    out.append(hex[Int(byte >> 4)])
    out.append(hex[Int(byte & 0xF)])
  }
}
