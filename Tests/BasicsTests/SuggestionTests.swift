import Testing

@testable import Basics

/// "Did you mean": one rule for commands, options, scenario directives and alert names.
@Suite(.timeLimit(.minutes(1))) struct SuggestionTests {
  @Test func aUniquePrefixOrAFewEditsFindTheName() {
    let names = ["record", "replay", "report", "redact"]
    #expect(Suggestion.closest(to: "recrod", among: names) == "record")
    #expect(Suggestion.closest(to: "redac", among: names) == "redact")
    #expect(Suggestion.closest(to: "re", among: names) == nil)
    #expect(Suggestion.closest(to: "xyz", among: names) == nil)
    #expect(Suggestion.hint("--speeed", among: ["speed"]) == "")
    #expect(Suggestion.hint("speeed", among: ["speed"], prefix: "--") == "; did you mean '--speed'?")
  }

  @Test func caseAndALargerDistanceCanBeAllowed() {
    #expect(Suggestion.closest(to: "raynodedown", among: ["RayNodeDown"]) == nil)
    #expect(
      Suggestion.closest(to: "raynodedown", among: ["RayNodeDown"], ignoringCase: true) == "RayNodeDown")
    #expect(Suggestion.closest(to: "RayNodDwn", among: ["RayNodeDown"]) == "RayNodeDown")
    #expect(Suggestion.closest(to: "RayNdDwn", among: ["RayNodeDown"], maxDistance: 3) == "RayNodeDown")
  }

  @Test func aSwappedPairCountsAsOneEdit() {
    #expect(Suggestion.distance("ab", "ba") == 1)
    #expect(Suggestion.distance("kitten", "sitting") == 3)
  }
}
