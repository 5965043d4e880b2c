import Testing

@testable import Exposition

@Suite(.timeLimit(.minutes(5))) struct FloatTextTests {
  private func parse(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { p in
      if case .success(let v) = FloatText.parse(p, 0..<bytes.count) { return v }
      return nil
    }
  }

  @Test(arguments: [
    ("1", 1.0), ("-2.5e-3", -0.0025), (".5", 0.5), ("5.", 5), ("+1.5e3", 1500), ("0", 0),
    ("5.76717816e+08", 576_717_816), ("0.013300656000000001", 0.013300656000000001),
    ("0000000000000000000000000000000000000000001.2e-1", 0.12),
    ("9223372036854775808", 9.223372036854775808e18),
    ("1e-400", 0), ("123456789012345678901234567890", 1.2345678901234568e29),
    ("2.2250738585072014e-308", 2.2250738585072014e-308), ("Inf", .infinity), ("+inf", .infinity),
    ("-Inf", -.infinity), ("infinity", .infinity), ("-INFINITY", -.infinity),
  ])
  func acceptsWhatPrometheusAccepts(text: String, expected: Double) {
    #expect(parse(text) == expected)
  }

  @Test func nanIsAcceptedInAnyCase() {
    #expect(parse("NaN")?.isNaN == true)
    #expect(parse("nan")?.isNaN == true)
  }

  @Test(arguments: [
    "", "+", "-", ".", "e5", "1e", "1e+", "0x10", "0x1p-3", "1_000", "0b1", "0o1", "1.2.3", "+nan", "-NaN",
    "infinit", "in", "1e400", "-1e400", "1 ", "abc",
  ])
  func rejectsWhatPrometheusRejects(text: String) {
    #expect(parse(text) == nil)
  }

  @Test func agreesWithTheStandardLibraryOnManyRandomDecimals() {
    var rng = SplitMix(seed: 42)
    for _ in 0..<20_000 {
      let mantissa = rng.next() % 10_000_000_000_000
      let exponent = Int(rng.next() % 60) - 30
      let text = "\(mantissa)e\(exponent)"
      #expect(parse(text) == Double(text), "\(text)")
    }
  }
}

/// A small deterministic generator, so randomized tests repeat.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
