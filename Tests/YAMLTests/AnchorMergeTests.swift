import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct AnchorMergeTests {
  @Test(arguments: [
    ("a: &x 1\nb: *x\n", #"{"a": "1", "b": "1"}"#),
    ("a: &x [1, 2]\nb: *x\n", #"{"a": ["1", "2"], "b": ["1", "2"]}"#),
    ("- &x {k: v}\n- *x\n- *x\n", #"[{"k": "v"}, {"k": "v"}, {"k": "v"}]"#),
    ("a: &x\n  k: v\nb: *x\n", #"{"a": {"k": "v"}, "b": {"k": "v"}}"#),
    ("a: &x !!str 1\nb: *x\n", #"{"a": !!str "1", "b": !!str "1"}"#),
    ("a: !!str &x 1\nb: *x\n", #"{"a": !!str "1", "b": !!str "1"}"#),
    ("a: &x 1\na2: &x 2\nb: *x\n", #"{"a": "1", "a2": "2", "b": "2"}"#),
    ("&k key: *k\n", #"{"key": "key"}"#),
    ("a: &k [1, *k]\n", "error: t.yml:1:11: anchor 'k' value contains itself"),
    ("a: &k key\n*k : v\n", #"{"a": "key", "key": "v"}"#),
    ("a: &x\nb: *x\n", #"{"a": "", "b": ""}"#),
    (
      "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n",
      #"{"base": {"x": "1", "y": "2"}, "m": {"x": "1", "y": "3"}}"#
    ),
    (
      "base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n",
      #"{"base": {"x": "1", "y": "2"}, "m": {"y": "3", "x": "1"}}"#
    ),
    (
      "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nm:\n  <<: [*a, *b]\n",
      #"{"a": {"x": "1"}, "b": {"x": "2", "y": "2"}, "m": {"x": "1", "y": "2"}}"#
    ),
    ("m:\n  <<: {x: 1}\n  z: 0\n", #"{"m": {"x": "1", "z": "0"}}"#),
    ("m: {<<: {x: 1}, x: 2}\n", #"{"m": {"x": "2"}}"#),
    ("m:\n  '<<': {x: 1}\n", #"{"m": {s"<<": {"x": "1"}}}"#),
    ("m:\n  !!merge <<: {x: 1}\n", #"{"m": {"x": "1"}}"#),
    ("a: &a {x: 1, <<: {y: 2}}\nb: {<<: *a}\n", #"{"a": {"x": "1", "y": "2"}, "b": {"x": "1", "y": "2"}}"#),
    ("m:\n  <<: [{x: 1}, 2]\n", "error: t.yml:2:7: map merge requires map or sequence of maps as the value"),
    ("m:\n  <<: {x: 1}\n  <<: {y: 1}\n", "error: t.yml:3:3: mapping key \"<<\" already defined at line 2"),
  ])
  func anchorsAliasesAndMergesResolve(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }

  @Test func anAliasNodeSitsWhereTheAliasIsWritten() throws {
    let root = try #require(try YAMLParser.parse("a: &x {k: v}\nb: *x\n", file: "t.yml"))
    #expect(root["b"]?.mark == YAMLMark(line: 2, column: 4))
    #expect(root["b"]?["k"]?.mark == YAMLMark(line: 1, column: 11))
  }

  @Test func explicitTagsAreKeptAsWritten() {
    #expect(
      tree("a: !!str 1\nb: !custom x\nc: !<tag:yaml.org,2002:int> 2\nd: !!map {}\ne: !!seq []\n")
        == #"{"a": !!str "1", "b": !custom "x", "c": !<tag:yaml.org,2002:int> "2", "d": !!map {}, "e": !!seq []}"#
    )
    #expect(tree("a: !!str\nb: ! x\n") == #"{"a": !!str "", "b": ! "x"}"#)
  }
}
