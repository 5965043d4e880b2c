import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct FlowCollectionTests {
  @Test(arguments: [
    ("[]", "[]"),
    ("{}", "{}"),
    ("[a, b, c]", #"["a", "b", "c"]"#),
    ("[a, b,]", #"["a", "b"]"#),
    ("{a: 1, b: 2,}", #"{"a": "1", "b": "2"}"#),
    ("[[a, [b]], {c: [d]}]", #"[["a", ["b"]], {"c": ["d"]}]"#),
    ("[a,\n  b,\n  c\n]", #"["a", "b", "c"]"#),
    ("{\n  a: 1,\n  b: 2\n}", #"{"a": "1", "b": "2"}"#),
    ("{a, b: 1}", #"{"a": "", "b": "1"}"#),
    ("{a: }", #"{"a": ""}"#),
    ("[a: 1, b]", #"[{"a": "1"}, "b"]"#),
    ("[? a : 1]", #"[{"a": "1"}]"#),
    ("{a:1}", #"{"a:1": ""}"#),
    ("{\"a\":1}", #"{d"a": "1"}"#),
    ("[http://x.y/z]", #"["http://x.y/z"]"#),
    ("['a, b', \"c]\"]", #"[s"a, b", d"c]"]"#),
    ("[a b, c\n d]", #"["a b", "c d"]"#),
    ("[a, # comment\n b]", #"["a", "b"]"#),
    ("{a: [1, 2], b: {c: d}}", #"{"a": ["1", "2"], "b": {"c": "d"}}"#),
    ("key: [a,\n  b]\nnext: {x: y}\n", #"{"key": ["a", "b"], "next": {"x": "y"}}"#),
    ("labels: {}\nexp_alerts: []\n", #"{"labels": {}, "exp_alerts": []}"#),
    ("[-1, -a, - ]", "error: t.yml:1:10: did not find expected node content"),
    ("[\ta,\tb]", #"["a", "b"]"#),
  ])
  func flowCollectionsParse(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }
}
