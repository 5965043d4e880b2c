import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct BlockCollectionTests {
  @Test(arguments: [
    ("a: 1\n", #"{"a": "1"}"#),
    ("a: 1\nb: two\n", #"{"a": "1", "b": "two"}"#),
    ("a:\n  b: 1\n  c: 2\nd: 3\n", #"{"a": {"b": "1", "c": "2"}, "d": "3"}"#),
    ("a:\nb:\n", #"{"a": "", "b": ""}"#),
    ("a:   spaced   \n", #"{"a": "spaced"}"#),
    ("a:\tb\n", #"{"a": "b"}"#),
    ("- a\n- b\n", #"["a", "b"]"#),
    ("-\n- b\n", #"["", "b"]"#),
    ("- - a\n  - b\n- c\n", #"[["a", "b"], "c"]"#),
    ("- a: 1\n  b: 2\n- c: 3\n", #"[{"a": "1", "b": "2"}, {"c": "3"}]"#),
    ("key:\n- a\n- b\nnext: 1\n", #"{"key": ["a", "b"], "next": "1"}"#),
    ("key:\n  - a\n  - b\n", #"{"key": ["a", "b"]}"#),
    ("a:\n- b: 1\n  c: 2\n- d\n", #"{"a": [{"b": "1", "c": "2"}, "d"]}"#),
    ("a:\n  b:\n    c:\n      d: deep\n", #"{"a": {"b": {"c": {"d": "deep"}}}}"#),
    ("'quoted key': 1\n\"dq key\": 2\n", #"{s"quoted key": "1", d"dq key": "2"}"#),
    ("? a\n: b\n", #"{"a": "b"}"#),
    ("? [x, y]\n: pair\n", #"{["x", "y"]: "pair"}"#),
    ("? |\n  block key\n: v\n", #"{l"block key\n": "v"}"#),
    ("?\n: v\n", #"{"": "v"}"#),
    ("a: 1\n\n\nb: 2\n", #"{"a": "1", "b": "2"}"#),
    ("a: 1\r\nb: 2\r\n", #"{"a": "1", "b": "2"}"#),
    ("a: 1\rb: 2\r", #"{"a": "1", "b": "2"}"#),
    ("- a\n-   b\n", #"["a", "b"]"#),
    ("1: one\n2: two\n", #"{"1": "one", "2": "two"}"#),
    ("a: [x]\nb: {y: z}\n", #"{"a": ["x"], "b": {"y": "z"}}"#),
    ("é: ü\n", #"{"é": "ü"}"#),
  ])
  func blockCollectionsParse(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }

  @Test func nodeMarksPointAtWhereNodesStart() throws {
    let root = try #require(try YAMLParser.parse("groups:\n  - name: x\n    expr: up\n", file: "t.yml"))
    #expect(root.mark == YAMLMark(line: 1, column: 1))
    let group = try #require(root["groups"]?.items?.first)
    #expect(group.mark == YAMLMark(line: 2, column: 5))
    #expect(group["expr"]?.mark == YAMLMark(line: 3, column: 11))
    #expect(group.pairs?.first?.key.mark == YAMLMark(line: 2, column: 5))
  }

  @Test func columnsCountUnicodeScalarsNotBytes() throws {
    let root = try #require(try YAMLParser.parse("ééé: x\n", file: "t.yml"))
    #expect(root["ééé"]?.mark == YAMLMark(line: 1, column: 6))
  }

  @Test func emptyValuesSitAtTheEndOfTheirIndicator() throws {
    let root = try #require(try YAMLParser.parse("a:\nb: 1\n", file: "t.yml"))
    #expect(root["a"]?.isNull == true)
    #expect(root["a"]?.mark == YAMLMark(line: 1, column: 3))
  }
}
