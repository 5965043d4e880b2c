import PromQL
import Testing

@testable import Dashboards

/// Issue 15, point 10: which parts of a panel query are constant fallbacks.
@Suite(.timeLimit(.minutes(1))) struct FallbackBranchesTests {
  @Test(arguments: [
    ("sum(x) by (a) or vector(0)", "sum by (a) (x)", ["vector(0)"]),
    ("vector(0) or sum(x)", "sum(x)", ["vector(0)"]),
    ("(sum(x) or vector(0)) + (sum(y) or vector(0))", "(sum(x)) + (sum(y))", ["vector(0)", "vector(0)"]),
  ])
  func constantOrBranchesAreFallbacks(_ query: String, _ kept: String, _ fallbacks: [String]) throws {
    let stripped = try #require(FallbackBranches.strip(try Parser.parse(query)))
    #expect(stripped.kept.description == kept)
    #expect(stripped.fallbacks == fallbacks)
  }

  @Test(arguments: ["sum(x)", "x or y", "75", "x + 1"])
  func queriesWithoutConstantBranchesAreLeftAlone(_ query: String) throws {
    #expect(FallbackBranches.strip(try Parser.parse(query)) == nil)
  }
}
