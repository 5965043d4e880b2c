import Testing
import YAML

/// Random edits of valid documents must give a tree or a positioned error, never a trap.
@Suite(.timeLimit(.minutes(1))) struct MutationTests {
  /// SplitMix64: small, seedable, the same on every platform.
  private struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  private static let pieces: [String] = [
    " ", "  ", "\n", "\t", "-", "- ", ":", ": ", "?", "? ", ",", "[", "]", "{", "}", "#", "&a", "*a", "!",
    "!!str", "|", ">", "|-", ">+2", "'", "''", "\"", "\\", "\\x", "\\u00", "%YAML 1.2\n", "---", "...", "<<",
    "é", "\u{85}", "\u{2028}", "\r", "\r\n", "x", "1", "~", "@",
  ]

  @Test func mutatedDocumentsNeverTrap() {
    var generator = Generator(state: 42)
    let seeds = [
      PrometheusDocumentTests.ruleFile, PrometheusDocumentTests.unitTestFile, PrometheusDocumentTests.config,
    ]
    var parsed = 0
    var failed = 0
    for round in 0..<3000 {
      var scalars = Array(seeds[round % seeds.count].unicodeScalars)
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let at = Int.random(in: 0...scalars.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
          let piece = Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
          scalars.insert(contentsOf: piece.unicodeScalars, at: at)
        case 1:
          if at < scalars.count {
            scalars.removeSubrange(at..<min(scalars.count, at + Int.random(in: 1...8, using: &generator)))
          }
        default:
          if at < scalars.count {
            let piece = Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
            scalars.replaceSubrange(at..<at + 1, with: piece.unicodeScalars)
          }
        }
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars)
      do {
        _ = try YAMLParser.parseDocuments(text, file: "m.yml")
        parsed += 1
      } catch {
        #expect(error.mark.line >= 1 && error.mark.column >= 1)
        #expect(error.description.hasPrefix("m.yml:"))
        failed += 1
      }
    }
    #expect(parsed > 0 && failed > 0)
  }
}
