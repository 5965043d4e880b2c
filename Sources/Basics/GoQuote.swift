/// Go's quoted forms of strings and runes (`strconv.Quote`, `%q`, `%#U`), which Prometheus,
/// promtool, go-yaml and Go's templates put in their messages, and the cut form for tokens from
/// the input that may be megabytes long.
public enum GoQuote {
  /// How many characters of an input token a message shows (``token(_:mark:)``).
  public static let tokenLimit = 100

  /// Go's `strconv.Quote`: `text` in `mark` quotes (`"` by default; Go's templates also quote
  /// with `'`), with Go's escapes for the mark, backslash, control and unprintable characters.
  public static func quote(_ text: some StringProtocol, mark: Unicode.Scalar = "\"") -> String {
    var out = String(Character(mark))
    for scalar in text.unicodeScalars { appendEscaped(scalar.value, mark: mark.value, to: &out) }
    out.unicodeScalars.append(mark)
    return out
  }

  /// Go's `%q` of a rune: `'x'`, `'\n'`.
  public static func rune(_ value: UInt32) -> String {
    var out = "'"
    appendEscaped(value, mark: 0x27, to: &out)
    return out + "'"
  }

  /// Go's `%.Nq` followed by `...` when the text has more than `limit` characters.
  public static func truncated(_ text: String, limit: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    if scalars.count <= limit { return quote(text) }
    var prefix = ""
    prefix.unicodeScalars.append(contentsOf: scalars[0..<limit])
    return quote(prefix) + "..."
  }

  /// A token from the input, quoted for an error message: as ``quote(_:mark:)`` when it is short,
  /// else its first ``tokenLimit`` characters, `...` and its length, so that a 50 MB token does
  /// not make a 50 MB message: `"aaaa..." (52428800 bytes)`.
  public static func token(_ text: some StringProtocol, mark: Unicode.Scalar = "\"") -> String {
    guard text.unicodeScalars.count > tokenLimit else { return quote(text, mark: mark) }
    var shown = ""
    shown.unicodeScalars.append(contentsOf: text.unicodeScalars.prefix(tokenLimit))
    return quote(shown, mark: mark) + "... (\(text.utf8.count) bytes)"
  }

  /// ``token(_:mark:)`` of the bytes of `range`, decoding only the part shown.
  public static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    // A character is at most 4 bytes: this prefix holds `tokenLimit` characters when there are
    // that many.
    let shown = range.lowerBound..<min(range.upperBound, range.lowerBound + 4 * tokenLimit + 4)
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
    guard shown.count < range.count else { return token(text) }
    var cut = ""
    cut.unicodeScalars.append(contentsOf: text.unicodeScalars.prefix(tokenLimit))
    return quote(cut) + "... (\(range.count) bytes)"
  }

  /// Go's `%#U`: `U+0063 'c'`, without the quoted form for unprintable runes.
  public static func unicodeForm(_ value: UInt32) -> String {
    let code = "U+" + hexDigits(value, count: 4).uppercased()
    guard isPrint(value), let scalar = Unicode.Scalar(value) else { return code }
    return code + " '" + String(Character(scalar)) + "'"
  }

  /// Go's `strconv.IsPrint`, approximated with Unicode general categories: letters, marks,
  /// numbers, punctuation, symbols and the ASCII space.
  public static func isPrint(_ value: UInt32) -> Bool {
    if value == 0x20 { return true }
    guard let scalar = Unicode.Scalar(value) else { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
      .spaceSeparator:
      return false
    default:
      return true
    }
  }

  private static func hexDigits(_ value: UInt32, count: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, count - digits.count)) + digits
  }

  /// Appends `value` escaped as `strconv.Quote` does inside `mark` quotes.
  private static func appendEscaped(_ value: UInt32, mark: UInt32, to out: inout String) {
    switch value {
    case mark: out += "\\" + String(Character(Unicode.Scalar(mark) ?? "\""))
    case 0x5C: out += "\\\\"
    case 0x07: out += "\\a"
    case 0x08: out += "\\b"
    case 0x0C: out += "\\f"
    case 0x0A: out += "\\n"
    case 0x0D: out += "\\r"
    case 0x09: out += "\\t"
    case 0x0B: out += "\\v"
    default:
      // U+FFFD stands for bytes a Swift string cannot hold; escaping it keeps printed text
      // parseable.
      if value != 0xFFFD, isPrint(value), let scalar = Unicode.Scalar(value) {
        out.unicodeScalars.append(scalar)
      } else if value < 0x20 || value == 0x7F {
        out += "\\x" + hexDigits(value, count: 2)
      } else if value < 0x10000 {
        out += "\\u" + hexDigits(value, count: 4)
      } else {
        out += "\\U" + hexDigits(value, count: 8)
      }
    }
  }
}
