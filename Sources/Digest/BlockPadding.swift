/// The padding MD5 and SHA-256 share (Merkle–Damgård with 64-byte blocks): a 1 bit, zeros up to
/// 8 bytes short of a block boundary, then the message length in bits as 8 bytes.
enum BlockPadding {
  /// `message` padded to a whole number of 64-byte blocks; the two hashes differ only in the
  /// byte order of the length (MD5 little-endian, SHA-256 big-endian).
  static func padded(_ message: [UInt8], bigEndianLength: Bool) -> [UInt8] {
    var padded = message
    padded.reserveCapacity(message.count + 72)
    padded.append(0x80)
    while padded.count % 64 != 56 { padded.append(0) }
    let bits = UInt64(message.count) &* 8
    for byte in 0..<8 {
      let shift = UInt64(bigEndianLength ? 56 - 8 * byte : 8 * byte)
      padded.append(UInt8(truncatingIfNeeded: bits >> shift))
    }
    return padded
  }
}
