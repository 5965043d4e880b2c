/// Label sets numbered in order of first appearance, found by their fingerprint (open addressing,
/// linear probing). A range query looks label sets up once per sample and step; this skips the
/// SipHash a `Dictionary` would run over the fingerprint every time.
struct LabelsIndex {
  /// The label sets, by position.
  private(set) var keys: [Labels] = []
  /// Positions into `keys`, or -1 for an empty slot; the count is a power of two.
  private var slots: [Int32]
  private var shift: UInt64

  /// Room for `capacity` label sets before the table grows.
  init(capacity: Int = 4) {
    var size = 8
    while size < capacity * 2 { size *= 2 }
    slots = Array(repeating: -1, count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  var count: Int { keys.count }

  /// Fibonacci hashing: the fingerprint's bits spread over the top, then the top bits taken.
  private func home(_ labels: Labels) -> Int {
    Int(truncatingIfNeeded: (labels.fingerprint &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The position of `labels`, or nil.
  func position(of labels: Labels) -> Int? {
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
    if (keys.count + 1) * 2 > slots.count { grow() }
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

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    shift -= 1
    let mask = slots.count - 1
    for (position, labels) in keys.enumerated() {
      var slot = home(labels)
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(position)
    }
  }
}
