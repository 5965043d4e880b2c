import Glibc

/// Line-level scanning of an HTTP message head (start line plus header fields), shared by the
/// request and response parsers. Lines end in CRLF or a bare LF (RFC 9112 §2.2 lets recipients
/// accept LF).
enum HeadScanner {
  /// One line: its content range (without the terminator) and where the next line starts.
  struct Line {
    var start: Int
    var end: Int
    var next: Int
  }

  /// The next line from `start`, or nil when no LF has arrived yet.
  static func line(in bytes: UnsafeRawBufferPointer, from start: Int) -> Line? {
    guard start < bytes.count,
      let base = bytes.baseAddress,
      let found = memchr(base + start, 0x0a, bytes.count - start)
    else { return nil }
    let newline = base.distance(to: UnsafeRawPointer(found))
    var end = newline
    if end > start, bytes[end - 1] == 0x0d { end -= 1 }
    return Line(start: start, end: end, next: newline + 1)
  }

  /// True for RFC 9110 `tchar` (token characters of methods and field names).
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"),
      UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"),
      UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }

  /// Parses one `name: value` line; nil when it is malformed (no colon, bad name, space before
  /// the colon, obsolete line folding, control characters in the value).
  static func field(in bytes: UnsafeRawBufferPointer, _ line: Line) -> (name: String, value: String)? {
    var colon = line.start
    while colon < line.end, bytes[colon] != UInt8(ascii: ":") {
      guard isTokenByte(bytes[colon]) else { return nil }
      colon += 1
    }
    guard colon < line.end, colon > line.start else { return nil }
    var valueStart = colon + 1
    var valueEnd = line.end
    while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 {
      valueStart += 1
    }
    while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 {
      valueEnd -= 1
    }
    for index in valueStart..<valueEnd {
      let byte = bytes[index]
      if byte < 0x20 && byte != 0x09 || byte == 0x7f { return nil }
    }
    let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[line.start..<colon]), as: UTF8.self)
    let value = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
    return (name, value)
  }

  /// Parses a decimal `Content-Length`; nil when it is not all digits or absurdly long.
  static func contentLength(_ text: String) -> Int? {
    var value = 0
    var digits = 0
    for byte in text.utf8 {
      guard byte >= 0x30, byte <= 0x39, digits < 18 else { return nil }
      value = value * 10 + Int(byte - 0x30)
      digits += 1
    }
    return digits > 0 ? value : nil
  }
}
