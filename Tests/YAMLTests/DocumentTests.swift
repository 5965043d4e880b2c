import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct DocumentTests {
  @Test(arguments: [
    ("", ""),
    ("# only a comment\n", ""),
    ("\n\n  \n", ""),
    ("---\n", #""""#),
    ("--- \n...\n", #""""#),
    ("---\n---\n", #""" --- """#),
    ("a: 1\n---\nb: 2\n", #"{"a": "1"} --- {"b": "2"}"#),
    ("--- a\n--- b\n", #""a" --- "b""#),
    ("a\n...\n---\nb\n...\n", #""a" --- "b""#),
    ("a\n...\n", #""a""#),
    ("...\n", "error: t.yml:1:1: did not find expected node content"),
    ("%YAML 1.2\n---\na: 1\n", #"{"a": "1"}"#),
    ("%YAML 1.1 # comment\n---\na\n", #""a""#),
    ("%TAG !e! tag:example.com,2000:\n---\n!e!x a\n", #"!e!x "a""#),
    ("\u{FEFF}a: 1\n", #"{"a": "1"}"#),
    ("# c1\na: 1 # c2\n# c3\nb: # c4\n  - x # c5\n# c6\n", #"{"a": "1", "b": ["x"]}"#),
    ("a: 1\n# trailing comment without newline", #"{"a": "1"}"#),
    ("a: 1", #"{"a": "1"}"#),
    ("--- # comment\na\n", #""a""#),
    ("---\n- a\n---\n- b\n", #"["a"] --- ["b"]"#),
    ("a: x\n--- \n", #"{"a": "x"} --- """#),
    ("---a\n", #""---a""#),
    ("a: b\n---\n", #"{"a": "b"} --- """#),
  ])
  func streamsSplitIntoDocuments(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }

  @Test func parseGivesNilForAnEmptyStream() throws {
    #expect(try YAMLParser.parse("", file: "t.yml") == nil)
    #expect(try YAMLParser.parse("# nothing\n\n", file: "t.yml") == nil)
  }

  @Test func parseGivesTheOneDocument() throws {
    let node = try #require(try YAMLParser.parse("--- x\n...\n", file: "t.yml"))
    #expect(render(node) == #""x""#)
    let empty = try #require(try YAMLParser.parse("---\n", file: "t.yml"))
    #expect(empty.isNull)
  }

  @Test func anchorsDoNotCrossDocuments() {
    #expect(failure("a: &x 1\n---\nb: *x\n") == "t.yml:3:4: unknown anchor 'x' referenced")
  }
}
