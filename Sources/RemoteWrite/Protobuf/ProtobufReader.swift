/// Reads Protocol Buffers wire format field by field, within `bytes[offset..<end]`; every
/// length is checked against the end, so no input reads out of bounds.
struct ProtobufReader {
  let bytes: [UInt8]
  /// The next byte to read.
  private(set) var offset: Int
  /// One past the last byte of this message.
  let end: Int

  init(_ bytes: [UInt8], range: Range<Int>? = nil) {
    self.bytes = bytes
    offset = range?.lowerBound ?? 0
    end = range?.upperBound ?? bytes.count
  }

  /// The next field's number and wire type; nil at the end of the message.
  mutating func nextField() throws(ProtobufError) -> (field: Int, wire: ProtobufWriter.WireType)? {
    guard offset < end else { return nil }
    let start = offset
    let key = try varint()
    guard let wire = ProtobufWriter.WireType(rawValue: UInt8(key & 7)) else {
      throw ProtobufError(offset: start, "wire type \(key & 7) is not supported (groups are obsolete)")
    }
    let field = key >> 3
    guard field >= 1, field <= 536_870_911 else {
      throw ProtobufError(offset: start, "field number \(field)")
    }
    return (Int(field), wire)
  }

  /// A varint of at most 10 bytes.
  mutating func varint() throws(ProtobufError) -> UInt64 {
    let start = offset
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end else { throw ProtobufError(offset: start, "varint runs past the end") }
      let byte = bytes[offset]
      offset += 1
      guard shift < 64, shift < 63 || byte <= 1 else {
        throw ProtobufError(offset: start, "varint longer than 64 bits")
      }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// Eight little-endian bytes.
  mutating func fixed64() throws(ProtobufError) -> UInt64 {
    guard end - offset >= 8 else { throw ProtobufError(offset: offset, "fixed64 runs past the end") }
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    offset += 8
    return value
  }

  /// A length-delimited field's content, as a range of `bytes`.
  mutating func lengthDelimited() throws(ProtobufError) -> Range<Int> {
    let start = offset
    let length = try varint()
    guard length <= UInt64(end - offset) else {
      throw ProtobufError(offset: start, "length \(length) runs past the end (\(end - offset) bytes left)")
    }
    let range = offset..<(offset + Int(length))
    offset = range.upperBound
    return range
  }

  /// A string field's content; it must be valid UTF-8.
  mutating func string() throws(ProtobufError) -> String {
    let range = try lengthDelimited()
    guard let text = String(validating: bytes[range], as: UTF8.self) else {
      throw ProtobufError(offset: range.lowerBound, "string is not valid UTF-8")
    }
    return text
  }

  /// Skips a field of a type the caller does not read (unknown fields are allowed in proto3).
  mutating func skip(_ wire: ProtobufWriter.WireType) throws(ProtobufError) {
    switch wire {
    case .varint: _ = try varint()
    case .fixed64: _ = try fixed64()
    case .lengthDelimited: _ = try lengthDelimited()
    case .fixed32:
      guard end - offset >= 4 else { throw ProtobufError(offset: offset, "fixed32 runs past the end") }
      offset += 4
    }
  }

  /// Fails unless the field has the wire type its declaration gives it.
  func expect(
    _ wire: ProtobufWriter.WireType, _ expected: ProtobufWriter.WireType, _ name: String
  ) throws(ProtobufError) {
    guard wire == expected else {
      throw ProtobufError(
        offset: offset, "\(name) has wire type \(wire.rawValue), expected \(expected.rawValue)")
    }
  }
}
