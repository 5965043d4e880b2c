import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct GoTemplateTests {
  static let cases: [GoldenCase] = [
    // Text, actions, constants.
    GoldenCase("plain text", "plain text"),
    GoldenCase("{{ 1 }}", "1"),
    GoldenCase("{{ -7 }} {{ +3 }}", "-7 3"),
    GoldenCase("{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}", "31 15 15 5 1000"),
    GoldenCase(
      "{{ 1.5 }} {{ 100.0 }} {{ 1e21 }} {{ 0.1 }} {{ 1e6 }} {{ 123456.0 }}", "1.5 100 1e+21 0.1 1e+06 123456"),
    GoldenCase("{{ 1e-5 }} {{ 0.0001 }} {{ 1e3 }} {{ 0x1p-2 }}", "1e-05 0.0001 1000 0.25"),
    GoldenCase("{{ 'a' }} {{ '\\n' }} {{ '\\u00e9' }}", "97 10 233"),
    GoldenCase("{{ \"quoted\\t\\\"s\\\"\" }}", "quoted\t\"s\""),
    GoldenCase("{{ `raw \\n string` }}", "raw \\n string"),
    GoldenCase("{{ true }} {{ false }}", "true false"),
    GoldenCase("{{ .Name }}", "node", data: sampleData),
    GoldenCase("{{ . }}", "hello", data: "hello"),
    GoldenCase("{{ .Missing }}", "<no value>", data: sampleData),
    GoldenCase("{{ .Nil }}", "<no value>", data: sampleData),
    GoldenCase("{{ .Labels.job }}:{{ .Labels.none }}", "api:<no value>", data: sampleData),
    GoldenCase("{{ .Nested.Inner.Deep }}", "bottom", data: sampleData),
    GoldenCase("{{ .Missing.Deeper }}", "<no value>", data: sampleData),
    GoldenCase("{{ .Rec.A }}{{ .Rec.B }} {{ .Rec }}", "1x {1 x}", data: sampleData),
    GoldenCase(
      "{{ .List }} {{ .Map }} {{ .Labels }}", "[a b c] map[a:1 m:13 z:26] map[instance:host:9090 job:api]",
      data: sampleData),
    // Comments and trim markers.
    GoldenCase("a {{/* comment */}} b", "a  b"),
    GoldenCase("a {{- /* comment */ -}} b", "ab"),
    GoldenCase("a  \n {{- 1 -}} \n  b", "a1b"),
    GoldenCase("{{- 3 }}|{{ -3 }}", "3|-3"),
    GoldenCase("x\n{{- if true }}\n  y\n{{- end }}\n", "x\n  y\n"),
    GoldenCase("{{ 1\n}}", "1"),
    // Variables.
    GoldenCase("{{ $x := 1 }}{{ $x }}", "1"),
    GoldenCase("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
    GoldenCase("{{ $ }}", "top", data: "top"),
    GoldenCase("{{ with .Nested }}{{ $.Name }}{{ end }}", "node", data: sampleData),
    GoldenCase("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}", "21"),
    GoldenCase("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2"),
    GoldenCase("{{ $m := .Nested }}{{ $m.Inner.Deep }}", "bottom", data: sampleData),
    // if / else if / else.
    GoldenCase("{{ if .On }}yes{{ end }}", "yes", data: sampleData),
    GoldenCase("{{ if .Empty }}yes{{ else }}no{{ end }}", "no", data: sampleData),
    GoldenCase(
      "{{ if .Zero }}a{{ else if .None }}b{{ else if .Ratio }}c{{ else }}d{{ end }}", "c", data: sampleData),
    GoldenCase("{{ if .Missing }}a{{ else }}b{{ end }}", "b", data: sampleData),
    GoldenCase("{{ if .Rec }}struct is true{{ end }}", "struct is true", data: sampleData),
    GoldenCase("{{ if .Map }}map{{ end }}{{ if .None }}none{{ end }}", "map", data: sampleData),
    // with.
    GoldenCase("{{ with .Name }}<{{ . }}>{{ end }}", "<node>", data: sampleData),
    GoldenCase("{{ with .Empty }}x{{ else }}empty{{ end }}", "empty", data: sampleData),
    GoldenCase("{{ with .Empty }}x{{ else with .Count }}{{ . }}{{ end }}", "3", data: sampleData),
    GoldenCase("{{ with $x := .Count }}{{ $x }}{{ end }}", "3", data: sampleData),
    // range.
    GoldenCase("{{ range .List }}{{ . }},{{ end }}", "a,b,c,", data: sampleData),
    GoldenCase("{{ range $i, $e := .List }}{{ $i }}={{ $e }} {{ end }}", "0=a 1=b 2=c ", data: sampleData),
    GoldenCase("{{ range $e := .List }}{{ $e }}{{ end }}", "abc", data: sampleData),
    GoldenCase("{{ range $k, $v := .Map }}{{ $k }}{{ $v }};{{ end }}", "a1;m13;z26;", data: sampleData),
    GoldenCase(
      "{{ range $k, $v := .Labels }}{{ $k }}={{ $v }};{{ end }}", "instance=host:9090;job=api;",
      data: sampleData),
    GoldenCase("{{ range .None }}x{{ else }}empty{{ end }}", "empty", data: sampleData),
    GoldenCase("{{ range .Missing }}x{{ else }}nil{{ end }}", "nil", data: sampleData),
    GoldenCase(
      "{{ range .Ints }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}", "13", data: sampleData),
    GoldenCase("{{ range .Ints }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}", "1", data: sampleData),
    GoldenCase("{{ range 3 }}{{ . }}{{ end }}", "012"),
    GoldenCase("{{ range $i := 2 }}[{{ $i }}]{{ end }}", "[0][1]"),
    GoldenCase("{{ range 0 }}x{{ else }}none{{ end }}", "none"),
    GoldenCase("{{ $n := 0 }}{{ range .List }}{{ $n = . }}{{ end }}{{ $n }}", "c", data: sampleData),
    GoldenCase("{{ range .List }}{{ $.Count }}{{ end }}", "333", data: sampleData),
    // define / template / block.
    GoldenCase(
      "{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" 5 }}{{ template \"x\" }}", "[5][<no value>]"),
    GoldenCase("{{ define \"x\" }}{{ $ }}{{ end }}{{ template \"x\" .Name }}", "node", data: sampleData),
    GoldenCase("{{ block \"b\" .Count }}<{{ . }}>{{ end }}", "<3>", data: sampleData),
    GoldenCase(
      "{{ define \"T1\" }}ONE{{ end }}{{ define \"T2\" }}TWO {{ template \"T1\" }}{{ end }}{{ template \"T2\" }}",
      "TWO ONE"),
    GoldenCase("before{{ define \"x\" }}in{{ end }} after", "before after"),
    // Pipelines and parentheses.
    GoldenCase("{{ \"a\" | printf \"%s-%s\" \"b\" }}", "b-a"),
    GoldenCase("{{ 3 | printf \"%d\" | len }}", "1"),
    GoldenCase("{{ (len .List) }} {{ printf \"%d\" (len .List) }}", "3 3", data: sampleData),
    GoldenCase("{{ (index .Nested \"Inner\").Deep }}", "bottom", data: sampleData),
    // and / or / not.
    GoldenCase("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" }} {{ or 0 \"x\" 1 }}", "0 2  x"),
    GoldenCase("{{ and .Missing .Missing.Crash }}|{{ or .Name .Boom }}", "<no value>|node", data: sampleData),
    GoldenCase("{{ not 0 }} {{ not .Name }}", "true false", data: sampleData),
    GoldenCase("{{ 0 | and 1 }} {{ 2 | or 0 }}", "0 2"),
    // len / index / slice.
    GoldenCase(
      "{{ len .List }} {{ len .Map }} {{ len \"héllo\" }} {{ len .Labels }}", "3 3 6 2", data: sampleData),
    GoldenCase(
      "{{ index .List 1 }} {{ index .Map \"m\" }} {{ index .Labels \"job\" }}", "b 13 api", data: sampleData),
    GoldenCase("{{ index .Map \"none\" }}|{{ index .Labels \"none\" }}|", "<no value>||", data: sampleData),
    GoldenCase("{{ index \"abc\" 1 }}", "98"),
    GoldenCase("{{ index . 0 1 }}", "b", data: [["a", "b"]]),
    GoldenCase(
      "{{ slice .List 1 }} {{ slice .List 1 2 }} {{ slice \"hello\" 1 3 }} {{ slice \"abc\" }}",
      "[b c] [b] el abc", data: sampleData),
    // print family and escapers.
    GoldenCase("{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"),
    GoldenCase("{{ println 1 \"a\" }}", "1 a\n"),
    GoldenCase("{{ print .Nil }}", "<nil>", data: sampleData),
    GoldenCase("{{ html \"<a href='x'>&\\\"</a>\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;"),
    GoldenCase("{{ js \"it's <b> \\\"q\\\" a=b\\n\" }}", "it\\'s \\u003Cb\\u003E \\\"q\\\" a\\u003Db\\u000A"),
    GoldenCase("{{ urlquery \"a b&c=d/é\" }}", "a+b%26c%3Dd%2F%C3%A9"),
    GoldenCase("{{ html .Missing }} {{ urlquery 1 2 }}", "&lt;no value&gt; 1+2", data: sampleData),
    // Comparisons.
    GoldenCase("{{ eq 1 1 }} {{ eq 1 2 3 1 }} {{ eq \"a\" \"b\" }} {{ ne 1 2 }}", "true true false true"),
    GoldenCase("{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge \"b\" \"a\" }}", "true true false true"),
    GoldenCase(
      "{{ eq .Labels.job \"api\" }} {{ eq .Missing \"x\" }} {{ eq .Missing .Nil }}", "true false true",
      data: sampleData),
    GoldenCase("{{ lt \"B\" \"a\" }} {{ lt \"é\" \"z\" }}", "true false"),
    GoldenCase("{{ eq true true }} {{ eq 1.0 1.0 }}", "true true"),
  ]

  @Test(arguments: cases)
  func goldenOutput(_ golden: GoldenCase) {
    #expect(render(golden.text, data: golden.data) == golden.expected)
  }

  @Test func missingKeyModesFollowGo() {
    let zero = TemplateOptions(missingKey: .zero)
    let strict = TemplateOptions(missingKey: .error)
    #expect(render("{{ .Labels.none }}|{{ .Missing }}", data: sampleData, options: zero) == "|<no value>")
    #expect(
      render("{{ .Missing }}", data: sampleData, options: strict)
        == "ERR: template: test:1:3: executing \"test\" at <.Missing>: map has no entry for key \"Missing\"")
    #expect(
      render("{{ .Foo }}", options: strict)
        == "ERR: template: test:1:3: executing \"test\" at <.Foo>: nil data; no entry for key \"Foo\"")
  }

  @Test func callerFunctionsOverrideBuiltinsAndCheckArgumentTypes() {
    let functions: [String: TemplateFunction] = [
      "double": TemplateFunction(parameters: [.float]) { args in
        guard case .float(let value) = args[0] else { return .null }
        return .float(value * 2)
      },
      "len": TemplateFunction(parameters: [.any]) { _ in "mine" },
      "fail": TemplateFunction(parameters: []) { _ throws(TemplateFunctionError) in
        throw TemplateFunctionError("it broke")
      },
    ]
    #expect(render("{{ double 2 }} {{ 1.25 | double }} {{ len 1 }}", functions: functions) == "4 2.5 mine")
    #expect(
      render("{{ double \"x\" }}", functions: functions)
        == "ERR: template: test:1:10: executing \"test\" at <\"x\">: expected float; found \"x\"")
    #expect(
      render("{{ .Name | double }}", data: sampleData, functions: functions)
        == "ERR: template: test:1:11: executing \"test\" at <double>: wrong type for value; expected float64; got string"
    )
    #expect(
      render("{{ fail }}", functions: functions)
        == "ERR: template: test:1:3: executing \"test\" at <fail>: error calling fail: it broke")
  }

  @Test func executeTemplateNamedRunsADefinition() throws {
    let template = try Template(name: "main", text: "{{ define \"a\" }}A{{ . }}{{ end }}main")
    #expect(try template.execute(templateNamed: "a", 1) == "A1")
    #expect(template.templateNames == ["a", "main"])
  }
}
