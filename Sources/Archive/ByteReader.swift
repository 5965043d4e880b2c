/// A bounds-checked cursor over bytes; every read past the end throws `ArchiveError.malformed`.
///
/// `base` is the archive offset of `bytes[bytes.startIndex]`, so errors name file positions.
struct ByteReader {
  let bytes: ArraySlice<UInt8>
  var position: Int
  let base: Int
  let context: String

  init(_ bytes: ArraySlice<UInt8>, base: Int, context: String) {
    self.bytes = bytes
    self.position = bytes.startIndex
    self.base = base
    self.context = context
  }

  var isAtEnd: Bool { position >= bytes.endIndex }
  var remaining: Int { bytes.endIndex - position }
  /// Archive offset of the cursor.
  var offset: Int { base + (position - bytes.startIndex) }

  func fail(_ what: String) -> ArchiveError {
    .malformed(offset: offset, what: "\(context): \(what)")
  }

  mutating func u8() throws(ArchiveError) -> UInt8 {
    guard position < bytes.endIndex else { throw fail("unexpected end") }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func u16() throws(ArchiveError) -> UInt16 {
    UInt16(try fixed(2))
  }

  mutating func u32() throws(ArchiveError) -> UInt32 {
    UInt32(try fixed(4))
  }

  mutating func u64() throws(ArchiveError) -> UInt64 { try fixed(8) }

  mutating func i64() throws(ArchiveError) -> Int64 { Int64(bitPattern: try fixed(8)) }

  private mutating func fixed(_ count: Int) throws(ArchiveError) -> UInt64 {
    guard remaining >= count else { throw fail("unexpected end") }
    var value: UInt64 = 0
    for index in 0..<count { value |= UInt64(bytes[position + index]) << (8 * index) }
    position += count
    return value
  }

  mutating func varint() throws(ArchiveError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try u8()
      if shift == 63 && byte > 1 { throw fail("varint overflows 64 bits") }
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
      if shift > 63 { throw fail("varint too long") }
    }
  }

  /// A varint that must fit an `Int` no larger than `limit`.
  mutating func count(limit: Int = Int(Int32.max)) throws(ArchiveError) -> Int {
    let value = try varint()
    guard value <= UInt64(limit) else { throw fail("length \(value) out of range") }
    return Int(value)
  }

  mutating func zigzag() throws(ArchiveError) -> Int64 {
    let raw = try varint()
    return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
  }

  mutating func take(_ count: Int) throws(ArchiveError) -> ArraySlice<UInt8> {
    guard count >= 0, remaining >= count else { throw fail("needs \(count) bytes, has \(remaining)") }
    defer { position += count }
    return bytes[position..<position + count]
  }

  mutating func blob() throws(ArchiveError) -> ArraySlice<UInt8> {
    let length = try count()
    return try take(length)
  }

  mutating func string() throws(ArchiveError) -> String {
    String(decoding: try blob(), as: UTF8.self)
  }

  mutating func rest() -> ArraySlice<UInt8> {
    defer { position = bytes.endIndex }
    return bytes[position...]
  }
}
