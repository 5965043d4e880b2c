import Archive

/// Appends Protocol Buffers wire format (proto3) to a byte array, through the archive's
/// ``ByteWriter`` (varints, little-endian words): the few encodings remote write's messages use. Fields at their default value (0, empty) are left out, as every proto3
/// encoder does, so the bytes match what Prometheus's own encoder writes.
struct ProtobufWriter {
  /// How a field's value is laid out on the wire.
  enum WireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
  }

  /// Where the bytes go.
  var out: ByteWriter

  init(capacity: Int = 0) { out = ByteWriter(capacity: capacity) }

  /// The bytes written so far.
  var bytes: [UInt8] { out.bytes }

  /// A field's key: its number and wire type in one varint.
  @inline(__always)
  mutating func key(_ field: Int, _ wire: WireType) {
    varint(UInt64(field) << 3 | UInt64(wire.rawValue))
  }

  /// Base-128 varint, least significant group first.
  @inline(__always)
  mutating func varint(_ value: UInt64) { out.varint(value) }

  /// Eight bytes, little-endian.
  @inline(__always)
  mutating func fixed64(_ value: UInt64) { out.u64(value) }

  /// A `double` field. Left out only when all its bits are 0: a -0.0 or a NaN (the staleness
  /// marker is one) keeps its exact bits.
  @inline(__always)
  mutating func double(_ field: Int, _ value: Double) {
    guard value.bitPattern != 0 else { return }
    key(field, .fixed64)
    fixed64(value.bitPattern)
  }

  /// An `int64` (or enum) field: a negative value is the 10-byte two's complement varint.
  @inline(__always)
  mutating func int64(_ field: Int, _ value: Int64) {
    guard value != 0 else { return }
    key(field, .varint)
    varint(UInt64(bitPattern: value))
  }

  /// A `string` field (UTF-8 bytes with their length); left out when empty.
  mutating func string(_ field: Int, _ value: String) {
    guard !value.isEmpty else { return }
    key(field, .lengthDelimited)
    varint(UInt64(value.utf8.count))
    out.append(value.utf8)
  }

  /// Bytes already encoded (fields of a message), as they are.
  mutating func raw(_ encoded: [UInt8]) { out.append(encoded) }

  /// A length-delimited field whose content is already encoded (an embedded message).
  mutating func embedded(_ field: Int, _ content: [UInt8]) {
    key(field, .lengthDelimited)
    varint(UInt64(content.count))
    out.append(content)
  }

  /// An embedded message written by `body` (encoded apart first, since its length comes first).
  mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
    var inner = ProtobufWriter()
    body(&inner)
    embedded(field, inner.bytes)
  }

  /// How many bytes `varint(value)` writes.
  @inline(__always)
  static func varintSize(_ value: UInt64) -> Int {
    // 1 byte per started group of 7 bits; 0 still takes one byte.
    let bits = 64 - (value | 1).leadingZeroBitCount
    return (bits + 6) / 7
  }
}
