/// Finds, for each key of a new frame in order, the slot with the same key in the previous frame.
///
/// Series order is stable between scrapes, so the next previous slot is tried first, then the
/// three after it (series dropped), then the lowest slot with an equal key anywhere (found through
/// a hash table built on first need). Encoder and decoder run this same deterministic procedure
/// over the same keys, so they agree on every match (docs/archive-format.md specifies it).
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
    // A few series dropped since the previous frame: a short look-ahead avoids the hash table.
    var ahead = next + 1
    while ahead < min(slots.count, next + 4) {
      if equal(key, keyBytes(ahead)) {
        next = ahead + 1
        return ahead
      }
      ahead += 1
    }
    if table == nil {
      var built: [UInt64: Int] = [:]
      built.reserveCapacity(slots.count)
      for index in slots.indices {
        let hash = ByteHash.hash(keyBytes(index))
        if built[hash] == nil { built[hash] = index }
      }
      table = built
    }
    guard let candidate = table?[ByteHash.hash(key)] else { return nil }
    // The table holds the lowest index per hash; on a (64-bit) collision fall back to a linear
    // search so the result is exactly "the lowest index with an equal key" in every reader.
    guard
      let found = equal(key, keyBytes(candidate))
        ? candidate : slots.indices.first(where: { equal(key, keyBytes($0)) })
    else { return nil }
    next = found + 1
    return found
  }

  private func keyBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let slot = slots[index]
    return UnsafeBufferPointer(rebasing: body[Int(slot.keyStart)..<Int(slot.keyEnd)])
  }
}
