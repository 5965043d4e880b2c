/// A fast 64-bit hash of a byte string (8 bytes per step), for matching lines and keys.
///
/// Not stable across versions and never stored: encoder and decoder only use it to find
/// candidates, which are then compared byte for byte.
enum ByteHash {
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    while index + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 29
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(base[index]) << shift
      shift += 8
      index += 1
    }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return hash ^ (hash >> 32)
  }
}

/// Byte-wise equality of two arrays through `memcmp`.
func equalBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
  left.withUnsafeBufferPointer { l in right.withUnsafeBufferPointer { r in equal(l, r) } }
}
