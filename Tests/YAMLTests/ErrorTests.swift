import Testing
import YAML

/// Every error the reader reports, with its position, worded as go-yaml words it.
@Suite(.timeLimit(.minutes(1))) struct ErrorTests {
  @Test(arguments: [
    // Scanner errors.
    ("a:\n\t- b\n", "2:1: found character that cannot start any token"),
    ("a: 1\n\tb: 2\n", "2:1: found a tab character that violates indentation"),
    ("a:\n\tb: 2\n", "2:1: found character that cannot start any token"),
    ("- a\n-\tb\n", "2:2: found character that cannot start any token"),
    ("a: @x\n", "1:4: found character that cannot start any token"),
    ("a: `x`\n", "1:4: found character that cannot start any token"),
    ("a: b: c\n", "1:5: mapping values are not allowed in this context"),
    ("a: 1\n b: 2\n", "2:3: mapping values are not allowed in this context"),
    ("a: - b\n", "1:4: block sequence entries are not allowed in this context"),
    ("a: ? b\n", "1:4: mapping keys are not allowed in this context"),
    ("a: 1\nb\n", "2:1: could not find expected ':'"),
    ("a: 1\nb\nc: 2\n", "2:1: could not find expected ':'"),
    ("a: \"unclosed\n", "1:4: found unexpected end of stream"),
    ("a: 'unclosed\n\n", "1:4: found unexpected end of stream"),
    ("a: \"x\n---\n\"\n", "1:4: found unexpected document indicator"),
    ("a: \"\\q\"\n", "1:5: found unknown escape character"),
    ("a: \"\\x4\"\n", "1:5: did not find expected hexdecimal number"),
    ("a: \"\\uD800\"\n", "1:5: found invalid Unicode character escape code"),
    ("a: \"\\U00110000\"\n", "1:5: found invalid Unicode character escape code"),
    ("a: |0\n  x\n", "1:5: found an indentation indicator equal to 0"),
    ("a: |x\n  y\n", "1:5: did not find expected comment or line break"),
    ("a: |\n  x\n \ty\n", "3:2: found a tab character where an indentation space is expected"),
    ("a: &\n", "1:5: did not find expected alphabetic or numeric character"),
    ("a: *x.y\n", "1:6: did not find expected alphabetic or numeric character"),
    ("a: !<x\n", "1:7: did not find the expected '>'"),
    ("%FOO bar\n---\na\n", "1:1: found unknown directive name"),
    ("%YAML 1.1 x\n---\na\n", "1:11: did not find expected comment or line break"),
    ("%YAML x\n---\na\n", "1:7: did not find expected version number"),
    ("%YAML 1\n---\na\n", "1:8: did not find expected digit or '.' character"),
    // Parser errors.
    ("a: 1\n- b\n", "2:1: did not find expected key"),
    ("a:\n  b: 1\n  - c\n", "3:3: did not find expected key"),
    ("- a\nb: 1\n", "2:1: did not find expected '-' indicator"),
    ("[a, b\n", "2:1: did not find expected ',' or ']'"),
    ("[a b: c d\n", "2:1: did not find expected ',' or ']'"),
    ("{a: 1, b\n", "2:1: did not find expected ',' or '}'"),
    ("{a: 1 b: 2}", "1:8: did not find expected ',' or '}'"),
    ("a: ]\n", "1:4: did not find expected node content"),
    ("a: }\n", "1:4: did not find expected node content"),
    ("[a, ,]", "1:5: did not find expected node content"),
    ("a\n...\nb\n", "3:1: did not find expected <document start>"),
    ("%YAML 1.1\n%YAML 1.1\n---\na\n", "2:1: found duplicate %YAML directive"),
    ("%YAML 2.0\n---\na\n", "1:1: found incompatible YAML document"),
    ("%TAG !e! x:\n%TAG !e! y:\n---\na\n", "2:1: found duplicate %TAG directive"),
    // Composer errors.
    ("a: 1\nb: 2\na: 3\n", "3:1: mapping key \"a\" already defined at line 1"),
    ("x:\n  'k': 1\n  k: 2\n", "3:3: mapping key \"k\" already defined at line 2"),
    ("{a: 1, a: 2}", "1:8: mapping key \"a\" already defined at line 1"),
    ("\"a\\tb\": 1\n\"a\\tb\": 2\n", "2:1: mapping key \"a\\tb\" already defined at line 1"),
    ("a: *nope\n", "1:4: unknown anchor 'nope' referenced"),
    ("a: &x [*x]\n", "1:8: anchor 'x' value contains itself"),
    ("a: &x 1\nb:\n  <<: *x\n", "3:7: map merge requires map or sequence of maps as the value"),
    ("a: &x 1\nb:\n  <<: [*x]\n", "3:7: map merge requires map or sequence of maps as the value"),
    // Reader errors.
    ("a: \u{1}\n", "1:4: control characters are not allowed"),
    ("a: b\nc: \u{7F}\n", "2:4: control characters are not allowed"),
    ("é: \u{85}ok\nx: \u{9F}\n", "2:4: control characters are not allowed"),
    ("a: \u{FFFE}\n", "1:4: control characters are not allowed"),
  ])
  func errorsNameTheProblemAndItsPosition(yaml: String, expected: String) {
    #expect(failure(yaml) == "t.yml:" + expected, "\(yaml)")
  }

  @Test func descriptionIsFileLineColumnMessage() {
    let error = YAMLError(file: "rules.yml", mark: YAMLMark(line: 3, column: 7), message: "boom")
    #expect(error.description == "rules.yml:3:7: boom")
  }

  @Test func thrownErrorsCarryTheFileName() {
    #expect(
      throws: YAMLError(
        file: "x/y.yml", mark: YAMLMark(line: 1, column: 5),
        message:
          "mapping values are not allowed in this context")
    ) {
      try YAMLParser.parse("a: b: c", file: "x/y.yml")
    }
  }

  @Test func parseRejectsASecondDocument() {
    #expect(
      throws: YAMLError(
        file: "t.yml", mark: YAMLMark(line: 2, column: 1),
        message:
          "expected a single document in the stream, but found another document")
    ) {
      try YAMLParser.parse("a: 1\n---\nb: 2\n", file: "t.yml")
    }
  }
}
