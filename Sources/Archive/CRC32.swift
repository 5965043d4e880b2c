import CZlib

/// CRC-32 (ISO-HDLC, the zlib/PNG/gzip polynomial 0xEDB88320), computed by zlib.
enum CRC32 {
  /// The CRC of `bytes`, continuing from `seed` (0 to start).
  static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return seed }
    var crc = UInt(seed)
    var pointer = base.assumingMemoryBound(to: UInt8.self)
    var remaining = bytes.count
    // zlib takes a 32-bit length; feed huge buffers in pieces.
    while remaining > 0 {
      let chunk = min(remaining, 1 << 30)
      crc = crc32(crc, pointer, UInt32(chunk))
      pointer += chunk
      remaining -= chunk
    }
    return UInt32(truncatingIfNeeded: crc)
  }

  /// The CRC of an array slice.
  static func checksum(_ bytes: ArraySlice<UInt8>, seed: UInt32 = 0) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0, seed: seed) }
  }

  /// The CRC of an array.
  static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0, seed: seed) }
  }
}
