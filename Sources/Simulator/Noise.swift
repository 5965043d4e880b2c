/// Stateless seeded randomness: a value is a pure function of its key, so any tick can be
/// recomputed without replaying the ones before it.
enum Noise {
  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A hash of the parts, for ids and per-target offsets.
  @inline(__always)
  static func hash(_ seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0) -> UInt64 {
    mix(
      mix(mix(seed ^ UInt64(bitPattern: Int64(a))) ^ UInt64(bitPattern: Int64(b)))
        ^ UInt64(bitPattern: Int64(c)))
  }

  /// A uniform value in [0, 1).
  @inline(__always)
  static func unit(_ seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0) -> Double {
    Double(hash(seed, a, b, c) >> 11) * 0x1.0p-53
  }

  /// Stable hash of a string (FNV-1a), for keys derived from names.
  static func key(_ s: String) -> Int {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    return Int(truncatingIfNeeded: h)
  }

  /// `count` lowercase hex digits drawn from the key (Ray's ids are 56 hex digits).
  static func hex(_ seed: UInt64, _ a: Int, _ b: Int, _ c: Int, count: Int) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    var block = 0
    while out.count < count {
      var h = hash(seed, a, b, c &+ block &* 7919)
      for _ in 0..<16 where out.count < count {
        out.append(digits[Int(h & 15)])
        h >>= 4
      }
      block += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
