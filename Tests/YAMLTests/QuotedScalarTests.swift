import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct QuotedScalarTests {
  @Test(arguments: [
    (#"'it''s'"#, #"s"it's""#),
    (#"''"#, #"s"""#),
    ("'a\n  b'", #"s"a b""#),
    ("'a\n\n  b'", #"s"a\nb""#),
    ("'a  \n  b'", #"s"a b""#),
    (#"'\n'"#, #"s"\\n""#),
    (#"'# not a comment'"#, ##"s"# not a comment""##),
    (#""""#, #"d"""#),
    (#""a\nb""#, #"d"a\nb""#),
    (#""\t\\\"\/""#, #"d"\t\\\"/""#),
    (#""\0\a\b\e\f\r\v""#, #"d"\u{0}\u{7}\u{8}\u{1b}\u{c}\r\u{b}""#),
    (#""\N\_\L\P""#, "d\"\\u{85}\u{A0}\u{2028}\u{2029}\""),
    (#""\x41\u00e9\U0001F600""#, "d\"Aé😀\""),
    (#""\ ""#, #"d" ""#),
    ("\"tab\\\tx\"", #"d"tab\tx""#),
    ("\"a\\\n  b\"", #"d"ab""#),
    ("\"a \\\n  b\"", #"d"a b""#),
    ("\"a\n  b\"", #"d"a b""#),
    ("\"a\n\n  b\"", #"d"a\nb""#),
    ("\"  lead and trail  \"", #"d"  lead and trail  ""#),
    (#""{{ $labels.job }} is down""#, #"d"{{ $labels.job }} is down""#),
    (#""sum(rate(x{a=\"b\"}[5m]))""#, #"d"sum(rate(x{a=\"b\"}[5m]))""#),
    (#"a: "x" # comment"#, #"{"a": d"x"}"#),
    (#""a": 'b'"#, #"{d"a": s"b"}"#),
  ])
  func quotedScalarsParse(yaml: String, expected: String) {
    #expect(tree(yaml) == expected, "\(yaml)")
  }
}
