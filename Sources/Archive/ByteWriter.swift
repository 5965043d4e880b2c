/// Little-endian and LEB128 serialisation into a growing byte array (the archive's records, and
/// remote write's protobuf through `RemoteWrite`'s writer). Inlinable: encoders call it per value.
public struct ByteWriter: Sendable {
  /// The bytes written so far.
  public var bytes: [UInt8] = []

  /// An empty writer with room for `capacity` bytes.
  @inlinable public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  /// One byte.
  @inlinable public mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  mutating func u32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  /// Eight bytes, little-endian.
  @inlinable public mutating func u64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

  /// Unsigned LEB128 (protobuf's varint).
  @inlinable public mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  mutating func varint(_ value: Int) { varint(UInt64(value)) }

  /// Zigzag-mapped signed LEB128.
  mutating func zigzag(_ value: Int64) {
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  /// A varint length, then the bytes.
  mutating func blob<C: Collection>(_ value: C) where C.Element == UInt8 {
    varint(value.count)
    bytes.append(contentsOf: value)
  }

  mutating func string(_ value: String) { blob(value.utf8) }

  /// The bytes as they are.
  @inlinable public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
    bytes.append(contentsOf: value)
  }
}

extension ByteWriter {
  /// Little-endian `UInt32` stored into `bytes` at `index`, used to patch lengths and CRCs.
  mutating func patchU32(_ value: UInt32, at index: Int) {
    for byte in 0..<4 { bytes[index + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
  }
}
