/// The kinds of records an archive holds; the value is the third byte of the record marker.
enum RecordKind: UInt8 {
  case header = 0x48  // "H"
  case target = 0x54  // "T"
  case frame = 0x46  // "F"
  case index = 0x49  // "I"
}

/// Byte layout shared by writer and reader (see docs/archive-format.md).
enum RecordLayout {
  /// First 8 bytes of every archive: `\x89RAYREC\n`.
  static let fileMagic: [UInt8] = [0x89, 0x52, 0x41, 0x59, 0x52, 0x45, 0x43, 0x0A]
  /// Last 8 bytes of a cleanly closed archive: `rrFOOTER`.
  static let footerMagic: [UInt8] = Array("rrFOOTER".utf8)
  /// Marker (4) + payload length (4) + CRC32 (4).
  static let recordHeaderSize = 12
  /// Index offset (8) + CRC32 of it (4) + magic (8).
  static let footerSize = 20
  /// Largest payload a record may have.
  static let maxPayload = Int(UInt32.max)
  /// Largest body, and largest decoded part, a frame may have (1 GiB): a bound that keeps a
  /// damaged or hostile length from turning into a huge allocation.
  static let maxBody = 1 << 30

  /// A complete record: marker `r r KIND 0`, length, CRC32 over marker, length and payload.
  static func record(_ kind: RecordKind, payload: [UInt8]) -> [UInt8] {
    var writer = ByteWriter(capacity: payload.count + recordHeaderSize)
    writer.append([0x72, 0x72, kind.rawValue, 0])
    writer.u32(UInt32(payload.count))
    writer.u32(0)
    writer.append(payload)
    let crc = recordCRC(writer.bytes, start: 0)
    writer.patchU32(crc, at: 8)
    return writer.bytes
  }

  /// The footer that points at the index record.
  static func footer(indexOffset: Int) -> [UInt8] {
    var writer = ByteWriter(capacity: footerSize)
    writer.u64(UInt64(indexOffset))
    writer.u32(CRC32.checksum(writer.bytes))
    writer.append(footerMagic)
    return writer.bytes
  }

  /// CRC of the record starting at `start` in `bytes` (marker, length, payload; not the CRC field).
  static func recordCRC(_ bytes: [UInt8], start: Int) -> UInt32 {
    let length = Int(readU32(bytes, at: start + 4))
    let head = CRC32.checksum(bytes[start..<start + 8])
    let payloadStart = start + recordHeaderSize
    return CRC32.checksum(bytes[payloadStart..<payloadStart + length], seed: head)
  }

  static func readU32(_ bytes: [UInt8], at index: Int) -> UInt32 {
    UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
      | UInt32(bytes[index + 3]) << 24
  }

  static func readU64(_ bytes: [UInt8], at index: Int) -> UInt64 {
    UInt64(readU32(bytes, at: index)) | UInt64(readU32(bytes, at: index + 4)) << 32
  }

  /// What sits at `offset` of an archive image.
  enum Probe: Equatable {
    /// A whole record with a good CRC.
    case record(RecordKind, payload: Range<Int>)
    /// The file ends before the record does.
    case truncated
    /// Not a valid record (bad marker, unknown kind or CRC mismatch).
    case corrupt(String)
    /// A valid footer, the last bytes of the file.
    case footer(indexOffset: Int)
  }

  static func probe(_ bytes: [UInt8], at offset: Int) -> Probe {
    let size = bytes.count
    if offset == size - footerSize, Array(bytes[(size - 8)...]) == footerMagic {
      let stored = readU32(bytes, at: offset + 8)
      if stored == CRC32.checksum(bytes[offset..<offset + 8]) {
        let index = readU64(bytes, at: offset)
        if index <= UInt64(offset) { return .footer(indexOffset: Int(index)) }
      }
    }
    if size - offset < recordHeaderSize {
      // A torn marker still looks like the start of one; anything else is junk.
      let partial = Array(bytes[offset...])
      let marker: [UInt8] = [0x72, 0x72]
      if partial.isEmpty || marker.starts(with: partial.prefix(2)) { return .truncated }
      return .corrupt("junk after the last record")
    }
    guard bytes[offset] == 0x72, bytes[offset + 1] == 0x72, bytes[offset + 3] == 0,
      let kind = RecordKind(rawValue: bytes[offset + 2])
    else { return .corrupt("no record marker") }
    let length = Int(readU32(bytes, at: offset + 4))
    let payloadStart = offset + recordHeaderSize
    if size - payloadStart < length { return .truncated }
    guard recordCRC(bytes, start: offset) == readU32(bytes, at: offset + 8) else {
      return .corrupt("record CRC32 mismatch")
    }
    return .record(kind, payload: payloadStart..<payloadStart + length)
  }
}
