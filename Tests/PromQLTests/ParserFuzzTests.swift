import PromQL
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random and mutated input must never crash the parser; whatever parses must print to text that
/// parses back to the same text.
@Suite(.timeLimit(.minutes(5)))
struct ParserFuzzTests {
  static let fragments: [String] = [
    "(", ")", "{", "}", "[", "]", ",", "=", "!=", "=~", "!~", "+", "-", "*", "/", "%", "^", "==", "<", ">=",
    " and ", " or ", " unless ", " by ", " without ", " on", " ignoring", " group_left", " bool ", " offset ",
    " @ ", "start()", "end()", "step()", ":", "5m", "1h30m", "0x1F", "1e3", ".5", "Inf", "NaN", "\"a\"",
    "'b'", "`c`", "\"\\x41\"", "foo", "sum", "rate", "topk", "count_values", "label_replace", "__name__",
    "# comment\n", " ", "\n", "anchored", "smoothed", "fill(0)", "min_of(", "é", "\u{FFFD}", "\\",
  ]

  func checkRoundTrip(_ query: String, problems: inout [String]) {
    guard let expr = try? Parser.parse(query, options: .all) else { return }
    _ = try? EngineFixture.engine.instantQuery(expr, at: EngineFixture.minute)
    let printed = expr.description
    do {
      let again = try Parser.parse(printed, options: .all)
      // Also like Prometheus: `+Inf ^ x` prints its literal as `+Inf`, which reads back as a unary plus.
      if again.description != printed, !printed.contains("+Inf ^") {
        problems.append("\(query.debugDescription) printed differently")
      }
    } catch {
      // Like Prometheus, durations print in whole milliseconds, so a positive sub-millisecond
      // range prints as `0s`, which does not parse back.
      if error.message == "duration must be greater than 0" { return }
      problems.append("\(query.debugDescription) -> \(printed.debugDescription): \(error)")
    }
  }

  @Test func randomBytesNeverCrash() {
    var random = SplitMix64(state: 42)
    var problems: [String] = []
    for _ in 0..<3_000 {
      let count = Int.random(in: 0..<40, using: &random)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      checkRoundTrip(String(decoding: bytes, as: UTF8.self), problems: &problems)
    }
    #expect(problems == [])
  }

  @Test func randomFragmentsNeverCrash() {
    var random = SplitMix64(state: 7)
    var problems: [String] = []
    for _ in 0..<5_000 {
      let count = Int.random(in: 1..<12, using: &random)
      let query = (0..<count).map { _ in Self.fragments.randomElement(using: &random) ?? "" }.joined()
      checkRoundTrip(query, problems: &problems)
    }
    #expect(problems == [])
  }

  @Test func mutatedValidQueriesNeverCrash() {
    var random = SplitMix64(state: 2026)
    var problems: [String] = []
    let seeds = validQueries.map(\.query)
    for _ in 0..<5_000 {
      var bytes = Array((seeds.randomElement(using: &random) ?? "foo").utf8)
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !bytes.isEmpty: bytes.remove(at: position)
        case 1:
          bytes.insert(contentsOf: (Self.fragments.randomElement(using: &random) ?? "").utf8, at: position)
        case 2 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
        default:
          if let other = seeds.randomElement(using: &random) {
            bytes.insert(contentsOf: other.utf8, at: position)
          }
        }
      }
      checkRoundTrip(String(decoding: bytes, as: UTF8.self), problems: &problems)
    }
    #expect(problems == [])
  }
}

extension ParserFuzzTests {
  /// Everything that parses also evaluates (or fails cleanly) over a small store.
  @Test func parsedQueriesEvaluateWithoutCrashing() throws {
    var random = SplitMix64(state: 99)
    var queries = validQueries.map(\.query)
    if ConformanceTests.available {
      queries += try ConformanceTests.evals(in: "promqltest").map(\.expression)
    }
    for query in queries {
      guard let expr = try? Parser.parse(query, options: .all) else { continue }
      let time = Int64.random(in: 0...(20 * EngineFixture.minute), using: &random)
      _ = try? EngineFixture.engine.instantQuery(expr, at: time)
      _ = try? EngineFixture.engine.rangeQuery(expr, start: 0, end: 3 * EngineFixture.minute, step: 45_000)
    }
  }
}
