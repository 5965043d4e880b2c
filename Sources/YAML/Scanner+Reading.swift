/// Byte-level reading: characters, line breaks and marks. Input is valid UTF-8 (it comes from a
/// `String`) without NUL bytes (the parser rejects control characters first), so 0 means "end".
extension Scanner {
  @inline(__always) func byte(_ offset: Int = 0) -> UInt8 {
    let i = mark.index &+ offset
    return i < bytes.count ? bytes[i] : 0
  }

  @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

  @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
      || c == 0x2D
  }

  @inline(__always) static func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    default: return nil
    }
  }

  /// Length in bytes of the line break at `offset` (CR LF counts 2), or 0 when there is none.
  /// NEL, LS and PS are breaks as in YAML 1.1, which libyaml follows.
  @inline(__always) func breakLength(_ offset: Int) -> Int {
    let c = byte(offset)
    if c == 0x0A { return 1 }
    if c == 0x0D { return byte(offset + 1) == 0x0A ? 2 : 1 }
    if c == 0xC2 && byte(offset + 1) == 0x85 { return 2 }
    if c == 0xE2 && byte(offset + 1) == 0x80 && (byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9) {
      return 3
    }
    return 0
  }

  @inline(__always) func isBreak(_ offset: Int) -> Bool {
    let c = byte(offset)
    if c == 0x0A || c == 0x0D { return true }
    if c < 0x80 { return false }
    return breakLength(offset) > 0
  }

  @inline(__always) func isZ(_ offset: Int) -> Bool { mark.index &+ offset >= bytes.count }

  @inline(__always) func isBreakZ(_ offset: Int) -> Bool { isZ(offset) || isBreak(offset) }

  @inline(__always) func isBlankZ(_ offset: Int) -> Bool {
    Scanner.isBlank(byte(offset)) || isBreakZ(offset)
  }

  /// Bytes in the UTF-8 sequence that starts with `c`.
  @inline(__always) static func width(_ c: UInt8) -> Int {
    if c < 0x80 { return 1 }
    if c < 0xE0 { return 2 }
    if c < 0xF0 { return 3 }
    return 4
  }

  /// Moves past one character (not a line break).
  @inline(__always) mutating func skip() {
    mark.index = min(bytes.count, mark.index &+ Scanner.width(byte()))
    mark.column &+= 1
  }

  /// Moves past one line break.
  @inline(__always) mutating func skipLine() {
    let length = breakLength(0)
    guard length > 0 else { return }
    mark.index &+= length
    mark.line &+= 1
    mark.column = 0
  }

  /// Appends the character at the mark to `out` and moves past it.
  @inline(__always) mutating func copy(into out: inout [UInt8]) {
    let c = byte()
    if c < 0x80 {
      out.append(c)
      mark.index &+= 1
      mark.column &+= 1
      return
    }
    let width = Scanner.width(c)
    let end = min(bytes.count, mark.index &+ width)
    out.append(contentsOf: bytes[mark.index..<end])
    mark.index = end
    mark.column &+= 1
  }

  /// Appends the line break at the mark to `out`, normalised (CR LF, CR and NEL become LF; LS and PS stay).
  @inline(__always) mutating func readLine(into out: inout [UInt8]) {
    let length = breakLength(0)
    guard length > 0 else { return }
    if length == 3 {
      out.append(contentsOf: bytes[mark.index..<mark.index + 3])
    } else {
      out.append(0x0A)
    }
    mark.index &+= length
    mark.line &+= 1
    mark.column = 0
  }
}
