import Foundation
import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct AnchoredRegexTests {
  func shape(_ pattern: String) -> String {
    switch AnchoredRegex.fastShape(pattern) {
    case nil: return "general"
    case .literal: return "literal"
    case .alternation: return "alternation"
    case .any: return "any"
    case .nonEmpty: return "nonEmpty"
    case .prefix: return "prefix"
    case .suffix: return "suffix"
    case .contains: return "contains"
    case .general: return "general"
    }
  }

  @Test func recognizesCommonShapesWithoutARegexEngine() {
    #expect(shape("abc") == "literal")
    #expect(shape("a\\.b") == "literal")
    #expect(shape("a|b|c") == "alternation")
    #expect(shape(".*") == "any")
    #expect(shape(".+") == "nonEmpty")
    #expect(shape("api.*") == "prefix")
    #expect(shape(".*server") == "suffix")
    #expect(shape(".*err.*") == "contains")
    #expect(shape("a\\.*") == "general")
    #expect(shape("a\\d") == "general")
    #expect(shape("(a|b)c") == "general")
  }

  @Test func fastShapesMatchLikeTheRegexWould() throws {
    for pattern in ["abc", "a|b|", ".*", ".+", "api.*", ".*server", ".*err.*", "a\\.b"] {
      let fast = try AnchoredRegex(pattern)
      let general = CompiledRegex(
        try .init(pattern: "\\A(?:" + pattern + ")\\z", options: [.dotMatchesLineSeparators]))
      for candidate in [
        "", "abc", "a", "b", "api", "api-1", "my-server", "server", "xerrx", "a.b", "axb", "a\nb",
      ] {
        #expect(
          fast.matches(candidate) == general.matches(candidate), "\(pattern) on \(candidate.debugDescription)"
        )
      }
    }
  }
}
