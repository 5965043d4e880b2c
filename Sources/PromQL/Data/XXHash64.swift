/// XXH64 with seed 0, the hash Prometheus's `labels.Hash()` uses (and so `limit_ratio` picks by).
enum XXHash64 {
  static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
  static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

  static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
  }

  static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
    rotate(accumulator &+ input &* prime2, 31) &* prime1
  }

  static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
    (accumulator ^ round(0, value)) &* prime1 &+ prime4
  }

  static func read64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[at + index]) }
    return value
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 {
    var index = 0
    var hash: UInt64
    if bytes.count >= 32 {
      var v1 = prime1 &+ prime2
      var v2 = prime2
      var v3: UInt64 = 0
      var v4 = 0 &- prime1
      while index + 32 <= bytes.count {
        v1 = round(v1, read64(bytes, index))
        v2 = round(v2, read64(bytes, index + 8))
        v3 = round(v3, read64(bytes, index + 16))
        v4 = round(v4, read64(bytes, index + 24))
        index += 32
      }
      hash = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
      hash = merge(merge(merge(merge(hash, v1), v2), v3), v4)
    } else {
      hash = prime5
    }
    hash &+= UInt64(bytes.count)
    while index + 8 <= bytes.count {
      hash = rotate(hash ^ round(0, read64(bytes, index)), 27) &* prime1 &+ prime4
      index += 8
    }
    if index + 4 <= bytes.count {
      var word: UInt64 = 0
      for offset in (0..<4).reversed() { word = word << 8 | UInt64(bytes[index + offset]) }
      hash = rotate(hash ^ (word &* prime1), 23) &* prime2 &+ prime3
      index += 4
    }
    while index < bytes.count {
      hash = rotate(hash ^ (UInt64(bytes[index]) &* prime5), 11) &* prime1
      index += 1
    }
    hash ^= hash >> 33
    hash &*= prime2
    hash ^= hash >> 29
    hash &*= prime3
    hash ^= hash >> 32
    return hash
  }

  /// Prometheus's `labels.Hash()`: name, 0xFF, value, 0xFF for each label in order.
  static func hash(_ labels: Labels) -> UInt64 {
    var bytes: [UInt8] = []
    for label in labels {
      bytes += label.name.utf8
      bytes.append(0xFF)
      bytes += label.value.utf8
      bytes.append(0xFF)
    }
    return hash(bytes)
  }
}
