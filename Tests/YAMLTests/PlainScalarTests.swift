import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct PlainScalarTests {
  @Test(arguments: [
    (
      "expr: sum by (job) (rate(x{code=\"500\"}[5m])) > 0.05\n",
      #"{"expr": "sum by (job) (rate(x{code=\"500\"}[5m])) > 0.05"}"#
    ),
    ("a: x#y\n", #"{"a": "x#y"}"#),
    ("a: x #y\n", #"{"a": "x"}"#),
    ("a: b:c\n", #"{"a": "b:c"}"#),
    ("a: http://host:9090/path\n", #"{"a": "http://host:9090/path"}"#),
    ("a: it's \"fine\"\n", #"{"a": "it's \"fine\""}"#),
    ("a: {x}y\n", "error: t.yml:1:7: did not find expected key"),
    ("a: x{y}\n", #"{"a": "x{y}"}"#),
    ("a: x[0]\n", #"{"a": "x[0]"}"#),
    ("a: -1\n", #"{"a": "-1"}"#),
    ("a: -x\n", #"{"a": "-x"}"#),
    ("a: ?x\n", #"{"a": "?x"}"#),
    ("a: :x\n", #"{"a": ":x"}"#),
    ("a: one\n  two\n  three\n", #"{"a": "one two three"}"#),
    ("a: one\n\n  two\n", #"{"a": "one\ntwo"}"#),
    ("a: one\n\n\n  two\n", #"{"a": "one\n\ntwo"}"#),
    ("- one\n  two\n", #"["one two"]"#),
    ("one\ntwo\n", #""one two""#),
    ("a: x   \n", #"{"a": "x"}"#),
    ("a: x y  z\n", #"{"a": "x y  z"}"#),
    ("a: ~\n", #"{"a": "~"}"#),
    ("a: 1.5e3\n", #"{"a": "1.5e3"}"#),
    ("a: a--b\n", #"{"a": "a--b"}"#),
    ("a: x...\n", #"{"a": "x..."}"#),
    ("a: '{{ $labels.job }}'\n", #"{"a": s"{{ $labels.job }}"}"#),
    ("a: --- x\n", #"{"a": "--- x"}"#),
    ("a: $value\n", #"{"a": "$value"}"#),
    ("a: 100%\n", #"{"a": "100%"}"#),
  ])
  func plainScalarsParse(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }

  @Test func plainNumbersKeepTheirSourceText() throws {
    let root = try #require(try YAMLParser.parse("labels:\n  code: 1\n  x: 010\n  y: 1.50\n", file: "t.yml"))
    #expect(root["labels"]?["code"]?.scalar == YAMLScalar(text: "1", style: .plain))
    #expect(root["labels"]?["x"]?.scalar?.text == "010")
    #expect(root["labels"]?["y"]?.scalar?.text == "1.50")
  }
}
