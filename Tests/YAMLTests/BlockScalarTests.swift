import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct BlockScalarTests {
  @Test(arguments: [
    ("a: |\n  one\n  two\n", #"{"a": l"one\ntwo\n"}"#),
    ("a: |-\n  one\n  two\n\n", #"{"a": l"one\ntwo"}"#),
    ("a: |+\n  one\n  two\n\n\n", #"{"a": l"one\ntwo\n\n\n"}"#),
    ("a: |\n  one\n\n\n", #"{"a": l"one\n"}"#),
    ("a: |\n  one\n    indented\n  back\n", #"{"a": l"one\n  indented\nback\n"}"#),
    ("a: |2\n    two extra\n  base\n", #"{"a": l"  two extra\nbase\n"}"#),
    ("a: |-2\n   x\n", #"{"a": l" x"}"#),
    ("a: |2-\n   x\n", #"{"a": l" x"}"#),
    ("a: >\n  one\n  two\n\n  three\n", #"{"a": f"one two\nthree\n"}"#),
    ("a: >-\n  one\n  two\n", #"{"a": f"one two"}"#),
    ("a: >\n  one\n    more\n  two\n", #"{"a": f"one\n  more\ntwo\n"}"#),
    ("a: > # comment\n  x\n", #"{"a": f"x\n"}"#),
    ("a: |\n  x\nb: 1\n", #"{"a": l"x\n", "b": "1"}"#),
    ("a: |\n\n  after blank\n", #"{"a": l"\nafter blank\n"}"#),
    ("a: |\n  no final newline", #"{"a": l"no final newline"}"#),
    ("a: |\nb: 1\n", #"{"a": l"", "b": "1"}"#),
    ("- |\n  in seq\n- x\n", #"[l"in seq\n", "x"]"#),
    ("a: |\n  # not a comment\n", ##"{"a": l"# not a comment\n"}"##),
    ("a: |\n  {{ $labels.job }}: \"quoted\" 'x'\n", #"{"a": l"{{ $labels.job }}: \"quoted\" 'x'\n"}"#),
    ("--- |\n  top\n", #"l"top\n""#),
    ("a: |\n  tab\there\n", #"{"a": l"tab\there\n"}"#),
    ("a: >\n\n  folded after blank\n", #"{"a": f"\nfolded after blank\n"}"#),
  ])
  func blockScalarsParse(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }
}
