/// Finds the built-in tokens in a label value by scanning its bytes (a regular expression per
/// value would cost more than the rest of a redaction).
enum TokenScanner {
  /// `text` with every IPv4 address, long hex id and session name replaced by `replace`.
  static func replacingTokens(
    in text: String, kinds: Set<TokenKind>, _ replace: (String, TokenKind) -> String
  ) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var copied = 0
    var i = 0
    while i < bytes.count {
      guard i == 0 || !isWordByte(bytes[i - 1]) && bytes[i - 1] != UInt8(ascii: ".") else {
        i += 1
        continue
      }
      if let (end, kind) = token(bytes, at: i, kinds: kinds) {
        out.append(contentsOf: bytes[copied..<i])
        out.append(contentsOf: replace(String(decoding: bytes[i..<end], as: UTF8.self), kind).utf8)
        copied = end
        i = end
      } else {
        i += 1
      }
    }
    guard copied > 0 else { return text }
    out.append(contentsOf: bytes[copied...])
    return String(decoding: out, as: UTF8.self)
  }

  /// The token starting at `start`, if one does: its end and kind.
  static func token(_ b: [UInt8], at start: Int, kinds: Set<TokenKind>) -> (Int, TokenKind)? {
    if kinds.contains(.session), let end = session(b, start) { return (end, .session) }
    if kinds.contains(.ip), let end = ipv4(b, start) { return (end, .ip) }
    if kinds.contains(.id), let end = hexID(b, start) { return (end, .id) }
    return nil
  }

  /// `a.b.c.d`, each 0...255, not followed by more of a number; `0.0.0.0` is left alone.
  static func ipv4(_ b: [UInt8], _ start: Int) -> Int? {
    var i = start
    for part in 0..<4 {
      var digits = 0
      var value = 0
      while i < b.count, isDigit(b[i]), digits < 3 {
        value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
        digits += 1
        i += 1
      }
      guard digits > 0, value <= 255 else { return nil }
      if part < 3 {
        guard i < b.count, b[i] == UInt8(ascii: ".") else { return nil }
        i += 1
      }
    }
    if i < b.count, isWordByte(b[i]) || b[i] == UInt8(ascii: ".") { return nil }
    if b[start..<i].elementsEqual("0.0.0.0".utf8) { return nil }
    return i
  }

  /// A run of at least ``RedactionRules/shortestID`` hex digits with a letter among them.
  static func hexID(_ b: [UInt8], _ start: Int) -> Int? {
    var i = start
    var letter = false
    while i < b.count, let isLetter = hexDigit(b[i]) {
      letter = letter || isLetter
      i += 1
    }
    guard i - start >= RedactionRules.shortestID, letter else { return nil }
    if i < b.count, isWordByte(b[i]) { return nil }
    return i
  }

  /// `session_` followed by digits, `-` and `_` (Ray's `session_DATE_TIME_MICROS_PID`).
  static func session(_ b: [UInt8], _ start: Int) -> Int? {
    guard b[start...].starts(with: "session_".utf8) else { return nil }
    var i = start + 8
    while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "_") { i += 1 }
    return i - start >= 16 ? i : nil
  }

  static func isIPv4(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return !bytes.isEmpty && ipv4(bytes, 0) == bytes.count
  }

  /// nil for a non-hex byte; else whether it is a letter.
  static func hexDigit(_ byte: UInt8) -> Bool? {
    if isDigit(byte) { return false }
    if (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    {
      return true
    }
    return nil
  }

  static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

  static func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
  }
}
