/// Label sets numbered in order of first appearance, found by their fingerprint (open addressing,
/// linear probing). A range query looks label sets up once per sample and step; this skips the
/// SipHash a `Dictionary` would run over the fingerprint every time. Most sets at a step are a
/// handful of aggregated series: up to ``linearLimit`` keys are scanned, and the table is built
/// only beyond that.
struct LabelsIndex {
  /// Keys scanned without a table.
  static let linearLimit = 8

  /// The label sets, by position.
  private(set) var keys: [Labels] = []
  /// Positions into `keys`, or -1 for an empty slot; the count is a power of two. Empty while
  /// there are at most ``linearLimit`` keys.
  private var slots: [Int32] = []
  private var shift: UInt64 = 64

  /// Room for `capacity` label sets before the table grows.
  init(capacity: Int = 4) {
    keys.reserveCapacity(capacity)
  }

  var count: Int { keys.count }

  /// Fibonacci hashing: the fingerprint's bits spread over the top, then the top bits taken.
  private func home(_ labels: Labels) -> Int {
    Int(truncatingIfNeeded: (labels.fingerprint &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The position of `labels`, or nil.
  func position(of labels: Labels) -> Int? {
    if slots.isEmpty { return keys.firstIndex(of: labels) }
    var slot = home(labels)
    let mask = slots.count - 1
    while true {
      let position = slots[slot]
      if position < 0 { return nil }
      if keys[Int(position)] == labels { return Int(position) }
      slot = (slot + 1) & mask
    }
  }

  /// The position of `labels`, appended at the end when new.
  mutating func insert(_ labels: Labels) -> (position: Int, inserted: Bool) {
    if slots.isEmpty {
      if let position = keys.firstIndex(of: labels) { return (position, false) }
      keys.append(labels)
      if keys.count > LabelsIndex.linearLimit { rebuild(size: 4 * keys.count) }
      return (keys.count - 1, true)
    }
    if (keys.count + 1) * 2 > slots.count { rebuild(size: slots.count * 2) }
    var slot = home(labels)
    let mask = slots.count - 1
    while true {
      let position = slots[slot]
      if position < 0 { break }
      if keys[Int(position)] == labels { return (Int(position), false) }
      slot = (slot + 1) & mask
    }
    slots[slot] = Int32(keys.count)
    keys.append(labels)
    return (keys.count - 1, true)
  }

  /// A table of at least `size` slots (a power of two) holding every key.
  private mutating func rebuild(size: Int) {
    var count = 16
    while count < size { count *= 2 }
    slots = Array(repeating: -1, count: count)
    shift = UInt64(64 - count.trailingZeroBitCount)
    let mask = count - 1
    for (position, labels) in keys.enumerated() {
      var slot = home(labels)
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(position)
    }
  }
}
