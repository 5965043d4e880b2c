import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct GoErrorTests {
  static let parseErrors: [GoldenCase] = [
    GoldenCase("{{", "ERR: template: test:1: unclosed action"),
    GoldenCase("{{ 1 }", "ERR: template: test:1: unexpected \"}\" in operand"),
    GoldenCase("{{ .A }", "ERR: template: test:1: unexpected \"}\" in operand"),
    GoldenCase("{{ \u{00A0} }}", "ERR: template: test:1: unrecognized character in action: U+00A0"),
    GoldenCase("{{ end }}", "ERR: template: test:1: unexpected {{end}}"),
    GoldenCase("{{ else }}", "ERR: template: test:1: unexpected {{else}}"),
    GoldenCase("{{ if true }}", "ERR: template: test:1: unexpected EOF"),
    GoldenCase("{{ if }}{{ end }}", "ERR: template: test:1: missing value for if"),
    GoldenCase("{{ range }}{{ end }}", "ERR: template: test:1: missing value for range"),
    GoldenCase("{{ nofunc 1 }}", "ERR: template: test:1: function \"nofunc\" not defined"),
    GoldenCase("{{ $x }}", "ERR: template: test:1: undefined variable \"$x\""),
    GoldenCase("{{ /* x */ }}", "ERR: template: test:1: unexpected \"/\" in command"),
    GoldenCase("{{/* x }}", "ERR: template: test:1: unclosed comment"),
    GoldenCase("{{/* x */ 1 }}", "ERR: template: test:1: comment ends before closing delimiter"),
    GoldenCase("{{ \"abc }}", "ERR: template: test:1: unterminated quoted string"),
    GoldenCase("{{ `abc }}", "ERR: template: test:1: unterminated raw quoted string"),
    GoldenCase("{{ 'ab' }}", "ERR: template: test:1: malformed character constant: 'ab'"),
    GoldenCase("{{ 3k }}", "ERR: template: test:1: bad number syntax: \"3k\""),
    GoldenCase(
      "{{ 99999999999999999999 }}", "ERR: template: test:1: integer overflow: \"99999999999999999999\""),
    GoldenCase("{{ (1 }}", "ERR: template: test:1: unclosed left paren"),
    GoldenCase("{{ 1) }}", "ERR: template: test:1: unexpected right paren"),
    GoldenCase("{{ $x :1 }}", "ERR: template: test:1: expected :="),
    GoldenCase("{{ .A|1 }}", "ERR: template: test:1: non executable command in pipeline stage 2"),
    GoldenCase("{{ break }}", "ERR: template: test:1: {{break}} outside {{range}}"),
    GoldenCase(
      "{{ range . }}{{ else }}{{ continue }}{{ end }}",
      "ERR: template: test:1: {{continue}} outside {{range}}"),
    GoldenCase("{{ template x }}", "ERR: template: test:1: unexpected \"x\" in template clause"),
    GoldenCase(
      "{{ define \"a\" }}1{{ end }}{{ define \"a\" }}2{{ end }}",
      "ERR: template: test:1: template: multiple definition of template \"a\""),
    GoldenCase("{{ true.X }}", "ERR: template: test:1: unexpected . after term \"true\""),
    GoldenCase("{{ $x, $y := 1 }}", "ERR: template: test:1: too many declarations in command"),
    GoldenCase("line1\nline2 {{ if }}", "ERR: template: test:2: missing value for if"),
    GoldenCase("{{ 1 \n", "ERR: template: test:2: unclosed action started at test:1"),
    GoldenCase(
      "{{ if true }}{{ else }}{{ else }}{{ end }}", "ERR: template: test:1: expected end; found {{else}}"),
  ]

  static let execErrors: [GoldenCase] = [
    GoldenCase(
      "{{ template \"nope\" }}",
      "ERR: template: test:1:12: executing \"test\" at <{{template \"nope\"}}>: template \"nope\" not defined"
    ),
    GoldenCase("{{ nil }}", "ERR: template: test:1:3: executing \"test\" at <nil>: nil is not a command"),
    GoldenCase(
      "{{ lt 1 1.5 }}",
      "ERR: template: test:1:3: executing \"test\" at <lt 1 1.5>: error calling lt: incompatible types for comparison"
    ),
    GoldenCase(
      "{{ eq 1 \"1\" }}",
      "ERR: template: test:1:3: executing \"test\" at <eq 1 \"1\">: error calling eq: incompatible types for comparison"
    ),
    GoldenCase(
      "{{ lt .Nil 1 }}",
      "ERR: template: test:1:3: executing \"test\" at <lt .Nil 1>: error calling lt: invalid type for comparison",
      data: sampleData),
    GoldenCase(
      "{{ eq 1 }}",
      "ERR: template: test:1:3: executing \"test\" at <eq 1>: error calling eq: missing argument for comparison"
    ),
    GoldenCase(
      "{{ len 3 }}",
      "ERR: template: test:1:3: executing \"test\" at <len 3>: error calling len: len of type int"),
    GoldenCase(
      "{{ index .List 5 }}",
      "ERR: template: test:1:3: executing \"test\" at <index .List 5>: error calling index: index out of range: 5",
      data: sampleData),
    GoldenCase(
      "{{ slice .List 2 1 }}",
      "ERR: template: test:1:3: executing \"test\" at <slice .List 2 1>: error calling slice: invalid slice index: 2 > 1",
      data: sampleData),
    GoldenCase(
      "{{ .Rec.C }}",
      "ERR: template: test:1:7: executing \"test\" at <.Rec.C>: can't evaluate field C in type main.T",
      data: sampleData),
    GoldenCase(
      "{{ .Name.X }}",
      "ERR: template: test:1:8: executing \"test\" at <.Name.X>: can't evaluate field X in type string",
      data: sampleData),
    GoldenCase(
      "{{ 1 2 }}", "ERR: template: test:1:3: executing \"test\" at <1>: can't give argument to non-function 1"
    ),
    GoldenCase(
      "{{ .Name 1 }}",
      "ERR: template: test:1:3: executing \"test\" at <.Name>: Name is not a method but has arguments",
      data: sampleData),
    GoldenCase(
      "{{ range .Count }}{{ end }}",
      "ERR: template: test:1:9: executing \"test\" at <.Count>: range can't iterate over 3.5",
      data: ["Count": 3.5]),
    GoldenCase(
      "{{ range $i, $e := 3 }}{{ end }}",
      "ERR: template: test:1:19: executing \"test\" at <3>: can't use 3 to iterate over more than one variable"
    ),
    GoldenCase(
      "{{ and }}",
      "ERR: template: test:1:3: executing \"test\" at <and>: wrong number of args for and: want at least 1 got 0"
    ),
    GoldenCase(
      "{{ not 1 2 }}",
      "ERR: template: test:1:3: executing \"test\" at <not>: wrong number of args for not: want 1 got 2"),
    GoldenCase(
      "{{ printf 1 }}", "ERR: template: test:1:10: executing \"test\" at <1>: expected string; found 1"),
    GoldenCase(
      "{{ .Name | printf }}",
      "ERR: template: test:1:11: executing \"test\" at <printf>: wrong type for value; expected string; got int",
      data: ["Name": 1]),
    GoldenCase(
      "line1\n  {{ index 1 0 }}",
      "ERR: template: test:2:5: executing \"test\" at <index 1 0>: error calling index: can't index item of type int"
    ),
    GoldenCase(
      "{{ define \"t\" }}{{ .X.Y }}{{ end }}{{ template \"t\" 1 }}",
      "ERR: template: test:1:21: executing \"t\" at <.X.Y>: can't evaluate field X in type int"),
  ]

  @Test(arguments: parseErrors)
  func parseErrorsAreWordedAsGoWordsThem(_ golden: GoldenCase) {
    #expect(render(golden.text, data: golden.data) == golden.expected)
  }

  @Test(arguments: execErrors)
  func executionErrorsNameTheNodeAndPosition(_ golden: GoldenCase) {
    #expect(render(golden.text, data: golden.data) == golden.expected)
  }

  @Test func errorContextIsTruncatedToTwentyCharacters() {
    let text = "{{ index .List 99999999 \"aaaaaaaaaaaaaaaa\" }}"
    #expect(
      render(text, data: sampleData)
        == "ERR: template: test:1:3: executing \"test\" at <index .List 99999999...>: error calling index: index out of range: 99999999"
    )
  }

  @Test func templateRecursionIsBounded() {
    let text = "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}"
    let result = render(text, options: TemplateOptions(maxTemplateDepth: 50))
    #expect(result.hasSuffix("exceeded maximum template depth (50)"))
  }

  @Test func defaultLimitsAreSafeOnATaskStack() async {
    let recursive =
      "{{ define \"r\" }}{{ if . }}{{ template \"r\" (slice . 1) }}{{ end }}{{ end }}{{ template \"r\" . }}"
    let deep = String(repeating: "{{ if true }}", count: 99) + "x" + String(repeating: "{{ end }}", count: 99)
    let parens = "{{ " + String(repeating: "(", count: 99) + "1" + String(repeating: ")", count: 99) + " }}"
    let results = await Task.detached {
      [
        render(recursive, data: .list(Array(repeating: 1, count: 99))),
        render(recursive, data: .list(Array(repeating: 1, count: 150))),
        render(deep), render(parens),
      ]
    }.value
    #expect(results[0] == "")
    #expect(results[1].hasSuffix("exceeded maximum template depth (100)"))
    #expect(results[2] == "x")
    #expect(results[3] == "1")
  }

  @Test func hugeRangesAndOutputAreBounded() {
    #expect(
      render("{{ range 1000000000 }}{{ end }}").hasSuffix(
        "exceeded maximum number of execution steps (1000000)"))
    let big = render(
      "{{ range 100000 }}xxxxxxxxxxxxxxxx{{ end }}", options: TemplateOptions(maxOutputBytes: 1000))
    #expect(big.hasSuffix("exceeded maximum output size (1000 bytes)"))
  }

  @Test func deepNestingIsAParseErrorNotACrash() {
    let deep = String(repeating: "{{ if true }}", count: 500) + String(repeating: "{{ end }}", count: 500)
    #expect(render(deep).hasSuffix("max expression depth exceeded"))
    let parens = "{{ " + String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500) + " }}"
    #expect(render(parens).hasSuffix("max expression depth exceeded"))
  }
}
