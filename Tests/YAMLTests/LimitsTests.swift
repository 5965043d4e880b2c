import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct LimitsTests {
  @Test func deepFlowNestingIsADepthError() {
    #expect(failure(String(repeating: "[", count: 10_000)) == "t.yml:1:1001: exceeded max depth of 1000")
    #expect(failure(String(repeating: "{a: ", count: 10_000)) == "t.yml:1:4001: exceeded max depth of 1000")
  }

  @Test func deepBlockNestingIsADepthError() {
    var mappings = ""
    var sequences = ""
    for depth in 0..<10_000 { mappings += String(repeating: " ", count: depth) + "a:\n" }
    for depth in 0..<1_500 { sequences += String(repeating: " ", count: depth) + "-\n" }
    #expect(failure(mappings) == "t.yml:1001:1001: exceeded max depth of 1000")
    #expect(failure(sequences) == "t.yml:1001:1001: exceeded max depth of 1000")
    #expect(
      failure(String(repeating: "- ", count: 10_000) + "x") == "t.yml:1:2001: exceeded max depth of 1000")
  }

  @Test func nestingUpToTheLimitParses() throws {
    let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
    var node = try #require(try YAMLParser.parse(deep, file: "t.yml"))
    var depth = 1
    while let inner = node.items?.first {
      node = inner
      depth += 1
    }
    #expect(depth == 1000)
  }

  @Test func theDepthLimitIsConfigurable() {
    let limits = YAMLLimits(maxDepth: 3)
    #expect(failure("a: {b: [c]}", limits: limits) == nil)
    #expect(failure("a: {b: [[c]]}", limits: limits) == "t.yml:1:9: exceeded max depth of 3")
    #expect(failure("a:\n  b:\n    c:\n      d: 1\n", limits: limits) == "t.yml:4:7: exceeded max depth of 3")
  }

  @Test func theSizeLimitIsChecked() {
    let limits = YAMLLimits(maxBytes: 10)
    #expect(failure("a: 123456", limits: limits) == nil)
    #expect(
      failure("a: 12345678", limits: limits)
        == "t.yml:1:1: input is 11 bytes, more than the limit of 10 bytes")
  }

  @Test func billionLaughsIsAnError() {
    var yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<9 {
      let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
      yaml += "l\(level): &l\(level) [\(refs)]\n"
    }
    #expect(failure(yaml) == "t.yml:6:45: document contains excessive aliasing")
  }

  @Test func theAliasBudgetCountsWholeSubtrees() {
    let limits = YAMLLimits(maxAliasExpansions: 3)
    #expect(failure("a: &a [x]\nb: [*a]\n", limits: limits) == nil)
    #expect(
      failure("a: &a [x]\nb: [*a, *a]\n", limits: limits) == "t.yml:2:9: document contains excessive aliasing"
    )
  }

  @Test func tenMegabyteScalarsParse() throws {
    let size = 10_000_000
    let plain = try YAMLParser.parse("a: " + String(repeating: "x", count: size) + "\n", file: "t.yml")
    #expect(plain?["a"]?.scalar?.text.utf8.count == size)
    let quoted = try YAMLParser.parse("a: \"" + String(repeating: "é", count: size / 2) + "\"", file: "t.yml")
    #expect(quoted?["a"]?.scalar?.text.utf8.count == size)
    let literal = try YAMLParser.parse(
      "a: |\n" + String(repeating: "  abcdefghi\n", count: size / 12), file: "t.yml")
    #expect(literal?["a"]?.scalar?.text.utf8.count == size / 12 * 10)
    let comment = try YAMLParser.parse("# " + String(repeating: "c", count: size) + "\na: 1\n", file: "t.yml")
    #expect(comment?["a"]?.scalar?.text == "1")
  }

  @Test func longSequencesParse() throws {
    let flow = "[" + Array(repeating: "a", count: 100_000).joined(separator: ", ") + "]"
    #expect(try YAMLParser.parse(flow, file: "t.yml")?.items?.count == 100_000)
    let block = String(repeating: "- a\n", count: 100_000)
    #expect(try YAMLParser.parse(block, file: "t.yml")?.items?.count == 100_000)
  }
}
