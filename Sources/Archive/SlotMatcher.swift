/// Finds, for each key of a new frame in order, the slot with the same key in the previous frame.
///
/// Series order is stable between scrapes, so the next previous slot is tried first; on a miss a
/// hash table of the previous keys (built on first need) is consulted. Encoder and decoder run
/// this same deterministic procedure over the same keys, so they agree on every match.
struct SlotMatcher {
  let body: UnsafeBufferPointer<UInt8>
  let slots: [SampleSlot]
  private var next = 0
  private var table: [UInt64: Int]?

  init(body: UnsafeBufferPointer<UInt8>, slots: [SampleSlot]) {
    self.body = body
    self.slots = slots
  }

  mutating func match(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    if next < slots.count && equal(key, keyBytes(next)) {
      next += 1
      return next - 1
    }
    if slots.isEmpty { return nil }
    if table == nil {
      var built: [UInt64: Int] = [:]
      built.reserveCapacity(slots.count)
      for index in slots.indices {
        let hash = Self.hash(keyBytes(index))
        if built[hash] == nil { built[hash] = index }
      }
      table = built
    }
    guard let found = table?[Self.hash(key)], equal(key, keyBytes(found)) else { return nil }
    next = found + 1
    return found
  }

  private func keyBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let slot = slots[index]
    return UnsafeBufferPointer(rebasing: body[Int(slot.keyStart)..<Int(slot.keyEnd)])
  }

  /// FNV-1a, 64 bits.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}
