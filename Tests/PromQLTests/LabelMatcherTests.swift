import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct LabelMatcherTests {
  static let cases0: [(LabelMatcher.MatchType, String, String, Bool)] = [
    (LabelMatcher.MatchType.equal, "a", "a", true), (.equal, "a", "b", false), (.equal, "", "", true),
    (.notEqual, "a", "b", true), (.regexMatch, "a.*", "abc", true), (.regexMatch, "a.*", "xabc", false),
    (.regexMatch, "b", "abc", false), (.regexMatch, ".*b.*", "abc", true), (.regexMatch, ".*c", "abc", true),
    (.regexMatch, ".+", "", false), (.regexMatch, ".*", "", true), (.regexMatch, "a|b|c", "b", true),
    (.regexMatch, "a|b|c", "ab", false), (.regexMatch, "foo\\.bar", "foo.bar", true),
    (.regexMatch, "foo\\.bar", "fooxbar", false), (.regexMatch, "[a-c]+", "abcabc", true),
    (.regexMatch, "[a-c]+", "abcd", false), (.regexMatch, "a.c", "a\nc", true),
    (.regexMatch, "abc", "abc\n", false),
    (.regexMatch, "(?i)abc", "ABC", true), (.regexMatch, "(?P<x>a)b", "ab", true),
    (.regexMatch, "x|", "", true),
    (.regexNoMatch, "a.*", "abc", false), (.regexNoMatch, "a.*", "b", true),
    (.regexMatch, "\\d+", "123", true),
    (.regexMatch, "a.*b", "axxb", true), (.regexMatch, "a.*b", "axxbc", false),
  ]

  @Test(arguments: Self.cases0)
  func matchesFullyAnchored(type: LabelMatcher.MatchType, pattern: String, candidate: String, expected: Bool)
    throws
  {
    let matcher = try LabelMatcher(type, name: "l", value: pattern)
    #expect(matcher.matches(candidate) == expected)
  }

  @Test func invalidRegexIsAnError() {
    #expect(throws: LabelMatcherError.self) { try LabelMatcher(.regexMatch, name: "l", value: "(") }
    #expect(throws: LabelMatcherError.self) { try LabelMatcher(.regexMatch, name: "l", value: "a)") }
  }

  @Test func printsWithGoQuoting() throws {
    #expect(try LabelMatcher(.regexMatch, name: "job", value: "a\"b").description == "job=~\"a\\\"b\"")
    #expect(LabelMatcher(equal: "my.label", "v").description == "\"my.label\"=\"v\"")
  }

  @Test func equalityIgnoresTheCompiledRegex() throws {
    #expect(
      try LabelMatcher(.regexMatch, name: "a", value: "x.*")
        == LabelMatcher(.regexMatch, name: "a", value: "x.*"))
    #expect(
      try LabelMatcher(.regexMatch, name: "a", value: "x.*")
        != LabelMatcher(.regexNoMatch, name: "a", value: "x.*"))
  }

  @Test func compiledRegexesAreSafeToShareBetweenTasks() async throws {
    let matcher = try LabelMatcher(.regexMatch, name: "l", value: "(a|b)+[0-9]{2,}")
    let results = await withTaskGroup(of: Int.self) { group in
      for task in 0..<8 {
        group.addTask {
          var hits = 0
          for index in 0..<2_000 where matcher.matches("ab\(task)\(index)") { hits += 1 }
          return hits
        }
      }
      return await group.reduce(0, +)
    }
    #expect(results == 8 * 2_000)
  }
}
