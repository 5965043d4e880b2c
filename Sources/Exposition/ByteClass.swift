/// Character classes of the exposition formats, on bytes.
enum ByteClass {
  @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c == 0x3A
  }
  @inline(__always) static func isNameContinue(_ c: UInt8) -> Bool {
    isNameStart(c) || (c >= 0x30 && c <= 0x39)
  }
  @inline(__always) static func isLabelStart(_ c: UInt8) -> Bool {
    (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F
  }
  @inline(__always) static func isLabelContinue(_ c: UInt8) -> Bool {
    isLabelStart(c) || (c >= 0x30 && c <= 0x39)
  }
  @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
  @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

  /// Whether `bytes` is a legacy metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
  static func isMetricName<C: Collection<UInt8>>(_ bytes: C) -> Bool {
    guard let first = bytes.first, isNameStart(first) else { return false }
    return bytes.dropFirst().allSatisfy(isNameContinue)
  }

  /// Whether `bytes` is a legacy label name (`[a-zA-Z_][a-zA-Z0-9_]*`).
  static func isLabelName<C: Collection<UInt8>>(_ bytes: C) -> Bool {
    guard let first = bytes.first, isLabelStart(first) else { return false }
    return bytes.dropFirst().allSatisfy(isLabelContinue)
  }
}

/// UTF-8 validation on a byte range, without building a `String`.
enum UTF8Check {
  /// Returns the offset of the first byte of an invalid sequence, or nil when valid.
  static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      let b0 = p[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var minScalar: UInt32
      var scalar: UInt32
      switch b0 {
      case 0xC2...0xDF:
        need = 1
        minScalar = 0x80
        scalar = UInt32(b0 & 0x1F)
      case 0xE0...0xEF:
        need = 2
        minScalar = 0x800
        scalar = UInt32(b0 & 0x0F)
      case 0xF0...0xF4:
        need = 3
        minScalar = 0x10000
        scalar = UInt32(b0 & 0x07)
      default: return i
      }
      if i + need >= end { return i }
      for k in 1...need {
        let b = p[i + k]
        guard b & 0xC0 == 0x80 else { return i }
        scalar = scalar << 6 | UInt32(b & 0x3F)
      }
      if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
      i += need + 1
    }
    return nil
  }

  /// The number of Unicode scalars in valid UTF-8 bytes.
  static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
    var n = 0
    for i in range where p[i] & 0xC0 != 0x80 { n += 1 }
    return n
  }
}
