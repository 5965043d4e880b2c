import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct PrometheusFunctionTests {
  static let samples = [
    TemplateSample(labels: ["__name__": "up", "instance": "b:9100", "job": "node"], value: 0),
    TemplateSample(
      labels: ["__name__": "up", "instance": "a:9100", "job": "node", "__value__": "str"], value: 1.5),
  ]

  static func expand(_ text: String, data: TemplateValue = .null) -> String {
    let functions = PrometheusFunctions.functions(
      query: { query in
        if query == "fail" { throw QueryFailure() }
        return query == "missing" ? [] : samples
      },
      externalURL: "http://prom.example:9090/sub/path", timestamp: 1_700_000_000.123)
    return render(text, data: data, functions: functions, options: TemplateOptions(missingKey: .zero))
  }

  struct QueryFailure: Error, CustomStringConvertible {
    var description: String { "query timed out" }
  }

  static let cases: [GoldenCase] = [
    // Numbers.
    GoldenCase(
      "{{ range . }}{{ humanize . }} {{ end }}", "0 1 -1 1.235M 2.048k 100m 120m 1n 1.5e+30Y ",
      data: [0, 1, -1, 1_234_567, 2048, 0.1, 0.12, 1e-9, 1.5e54]),
    GoldenCase(
      "{{ humanize \"1e3\" }} {{ humanize \"+Inf\" }} {{ humanize \"NaN\" }} {{ humanize \"-inf\" }}",
      "1k +Inf NaN -Inf"),
    GoldenCase(
      "{{ range . }}{{ humanize1024 . }} {{ end }}", "0 1 0.5 1ki 1.5ki 1Mi 1.177Mi ",
      data: [0, 1, 0.5, 1024, 1536, 1_048_576, 1_234_567]),
    GoldenCase(
      "{{ range . }}{{ humanizeDuration . }}|{{ end }}",
      "0s|1s|1m 30s|1h 0m 0s|1d 1h 1m 1s|-1m 30s|250ms|500us|1.5s|59.99s|",
      data: [0, 1, 90, 3600, 90061, -90, 0.25, 0.0005, 1.5, 59.99]),
    GoldenCase(
      "{{ humanizeDuration \"90\" }} {{ humanizeDuration 1e300 }}", "1m 30s -106751991167300d -15h -30m -8s"),
    GoldenCase(
      "{{ range . }}{{ humanizePercentage . }} {{ end }}", "25% -50% 123.5% 0% ",
      data: [0.25, -0.5, 1.23456, 0]),
    GoldenCase(
      "{{ range . }}{{ humanizeTimestamp . }}|{{ end }}",
      "1970-01-01 00:00:00 +0000 UTC|1970-01-01 00:00:01.5 +0000 UTC|1969-12-31 23:59:59 +0000 UTC|2023-11-14 22:13:20.5 +0000 UTC|",
      data: [0, 1.5, -1, "1700000000.5"]),
    GoldenCase(
      "{{ humanizeTimestamp 1e300 }}",
      "ERR: template: test:1:3: executing \"test\" at <humanizeTimestamp 1e...>: error calling humanizeTimestamp: 1e+300 cannot be represented as a nanoseconds timestamp since it overflows int64"
    ),
    GoldenCase(
      "{{ humanize \"one\" }}",
      "ERR: template: test:1:3: executing \"test\" at <humanize \"one\">: error calling humanize: strconv.ParseFloat: parsing \"one\": invalid syntax"
    ),
    GoldenCase(
      "{{ \"1e999\" | humanize }}",
      "ERR: template: test:1:13: executing \"test\" at <humanize>: error calling humanize: strconv.ParseFloat: parsing \"1e999\": value out of range"
    ),
    GoldenCase(
      "{{ humanize true }}",
      "ERR: template: test:1:3: executing \"test\" at <humanize true>: error calling humanize: can't convert bool to float"
    ),
    // Times and durations.
    GoldenCase(
      "{{ (1700000000 | toTime).Format \"2006-01-02T15:04:05Z07:00 Mon Jan _2 3PM .000\" }}",
      "2023-11-14T22:13:20Z Tue Nov 14 10PM .000"),
    GoldenCase("{{ (toTime 1.5).UnixMilli }} {{ toTime 0 }}", "1500 1970-01-01 00:00:00 +0000 UTC"),
    GoldenCase(
      "{{ (5400 | toDuration).String }} {{ toDuration 0.0015 }} {{ toDuration -61 }}", "1h30m0s 1.5ms -1m1s"),
    GoldenCase("{{ now }} {{ (now | toTime).Unix }}", "1.700000000123e+09 1700000000"),
    GoldenCase("{{ ((\"-30m\" | parseDuration | toDuration) | (now | toTime).Add).Unix }}", "1699998200"),
    GoldenCase(
      "{{ parseDuration \"1h30m\" }} {{ parseDuration \"1d\" }} {{ parseDuration \"-5m\" }} {{ printf \"%.3f\" (parseDuration \"1s10ms\") }} {{ parseDuration \"0\" }}",
      "5400 86400 -300 1.010 0"),
    GoldenCase(
      "{{ parseDuration \"5x\" }}",
      "ERR: template: test:1:3: executing \"test\" at <parseDuration \"5x\">: error calling parseDuration: unknown unit \"x\" in duration \"5x\""
    ),
    GoldenCase(
      "{{ parseDuration \"1m1h\" }}",
      "ERR: template: test:1:3: executing \"test\" at <parseDuration \"1m1h\">: error calling parseDuration: not a valid duration string: \"1m1h\""
    ),
    // Strings.
    GoldenCase("{{ title \"hello world-foo_bar o'neil\" }}", "Hello World-Foo_bar O'Neil"),
    GoldenCase("{{ toUpper \"abc ß é\" }} {{ toLower \"ÀB C\" }}", "ABC ß É àb c"),
    GoldenCase(
      "{{ match \"^a.c$\" \"abc\" }} {{ match \"a\\\\d\" \"a٣\" }} {{ match \"b+\" \"abba\" }} {{ match \"x$\" \"x\\n\" }}",
      "true false true false"),
    GoldenCase(
      "{{ match \"(\" \"x\" }}",
      "ERR: template: test:1:3: executing \"test\" at <match \"(\" \"x\">: error calling match: error parsing regexp: missing closing ): `(`"
    ),
    GoldenCase(
      "{{ match \"(?=a)\" \"a\" }}",
      "ERR: template: test:1:3: executing \"test\" at <match \"(?=a)\" \"a\">: error calling match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"
    ),
    GoldenCase(
      "{{ reReplaceAll \"(a)b\" \"x$1\" \"ab\" }}|{{ reReplaceAll \"a(x*)b\" \"$1W\" \"-ab-axxb-\" }}|{{ reReplaceAll \"a(x*)b\" \"${1}W\" \"-ab-axxb-\" }}",
      "xa|---|-W-xxW-"),
    GoldenCase(
      "{{ reReplaceAll \"x*\" \"-\" \"abc\" }}|{{ reReplaceAll \"a*\" \"X\" \"baaac\" }}|{{ reReplaceAll \"(?P<host>[^:]+):.*\" \"$host\" \"node:9100\" }}|{{ reReplaceAll \"o\" \"$$\" \"foo\" }}",
      "-a-b-c-|XbXcX|node|f$$"),
    GoldenCase(
      "{{ reReplaceAll \"(\" \"\" \"x\" }}",
      "ERR: template: test:1:3: executing \"test\" at <reReplaceAll \"(\" \"\" ...>: error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"
    ),
    GoldenCase(
      "{{ graphLink \"up == 0\" }} {{ tableLink \"rate(x[5m])\" }}",
      "/graph?g0.expr=up+%3D%3D+0&g0.tab=0 /graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1"),
    GoldenCase(
      "{{ range . }}{{ stripPort . }}|{{ end }}",
      "foo.example.com|foo.example.com|192.0.2.1|2001:db8::1|2001:db8::1|[2001:db8::1]::80|",
      data: [
        "foo.example.com", "foo.example.com:80", "192.0.2.1:80", "2001:db8::1", "[2001:db8::1]:80",
        "[2001:db8::1]::80",
      ]),
    GoldenCase(
      "{{ range . }}{{ stripDomain . }}|{{ end }}",
      "foo|foo:80|192.0.2.1|192.0.2.1:80|2001:db8::1|[2001:db8::1]:80|",
      data: [
        "foo.example.com", "foo.example.com:80", "192.0.2.1", "192.0.2.1:80", "2001:db8::1",
        "[2001:db8::1]:80",
      ]),
    GoldenCase("{{ urlQueryEscape \"a b/c\" }} {{ safeHtml \"<b>\" }}", "a+b%2Fc <b>"),
    // Others.
    GoldenCase(
      "{{ define \"x\" }}{{ .arg0 }}-{{ .arg1 }}-{{ .arg2 }}{{ end }}{{ template \"x\" (args 1 \"2\") }}",
      "1-2-<no value>"),
    GoldenCase("{{ externalURL }} {{ pathPrefix }}", "http://prom.example:9090/sub/path /sub/path"),
    // Queries.
    GoldenCase(
      "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}",
      "a:9100=1.5 b:9100=0 "),
    GoldenCase("{{ with query \"up\" }}{{ . | first | value | humanize }}{{ end }}", "0"),
    GoldenCase(
      "{{ query \"up\" | first | label \"job\" }}|{{ query \"up\" | first | label \"nope\" }}|{{ (query \"up\" | first).Labels.nope }}|",
      "node|||"),
    GoldenCase("{{ range query \"up\" }}{{ strvalue . }};{{ end }}", ";str;"),
    GoldenCase("{{ with query \"missing\" }}has{{ else }}no data{{ end }}", "no data"),
    GoldenCase(
      "{{ query \"missing\" | first }}",
      "ERR: template: test:1:21: executing \"test\" at <first>: error calling first: first() called on vector with no elements"
    ),
    GoldenCase(
      "{{ query \"fail\" }}",
      "ERR: template: test:1:3: executing \"test\" at <query \"fail\">: error calling query: query timed out"),
    GoldenCase(
      "{{ 1 | first }}",
      "ERR: template: test:1:7: executing \"test\" at <first>: wrong type for value; expected template.queryResult; got int"
    ),
    GoldenCase("{{ query \"up\" | first }}", "{map[__name__:up instance:b:9100 job:node] 0}"),
  ]

  @Test(arguments: cases)
  func prometheusFunctionOutput(_ golden: GoldenCase) {
    #expect(Self.expand(golden.text, data: golden.data) == golden.expected)
  }

  @Test func functionNamesCoverPrometheus() {
    let expected = [
      "args", "externalURL", "first", "graphLink", "humanize", "humanize1024", "humanizeDuration",
      "humanizePercentage", "humanizeTimestamp", "label", "match", "now", "parseDuration", "pathPrefix",
      "query",
      "reReplaceAll", "safeHtml", "sortByLabel", "stripDomain", "stripPort", "strvalue", "tableLink", "title",
      "toDuration", "toLower", "toTime", "toUpper", "urlQueryEscape", "value",
    ]
    #expect(PrometheusFunctions.names == expected)
  }
}
