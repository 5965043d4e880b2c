import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RobustnessTests {
  /// A small deterministic generator so failures reproduce.
  struct Generator {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  static let fragments = [
    "{{", "}}", "{{-", "-}}", " ", "\n", "if", "else", "end", "range", "with", "define", "template", "block",
    "break", "continue", "$x", ":=", "=", "$", ".", ".A", ".A.B", "|", "(", ")", "\"s\"", "`r`", "'c'", "1",
    "-2.5", "0x1F", "1e9", "nil", "true", "len", "index", "slice", "printf", "\"%d%s%v\"", "eq", "lt", "and",
    "or", "not", "print", "html", "js", "urlquery", "humanize", "query", "first", "{{/*", "*/}}", "é",
    "\u{0}",
    "reReplaceAll", "\"(a*)\"", "\"$1\"", "match", "\"[\"", "toTime", "1000000000", "args", ",", "}", "{",
  ]

  @Test func randomTemplateTextNeverTraps() {
    var generator = Generator(state: 0x5EED)
    let functions = PrometheusFunctions.functions(
      query: { _ in [TemplateSample(labels: ["a": "b"], value: 1)] }, externalURL: "http://x/", timestamp: 0)
    let options = TemplateOptions(maxTemplateDepth: 20, maxSteps: 10_000, maxOutputBytes: 100_000)
    var parsed = 0
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<(1 + generator.next(24)) { text += Self.fragments[generator.next(Self.fragments.count)] }
      guard let template = try? Template(name: "fuzz", text: text, functions: functions) else { continue }
      parsed += 1
      let result = Result { () throws(TemplateError) -> String in
        try template.execute(["A": ["B": 1]], options: options)
      }
      if case .failure(let error) = result { #expect(error.message.hasPrefix("template: fuzz")) }
    }
    #expect(parsed > 0)
  }

  @Test func documentationExamplesRender() {
    let functions = PrometheusFunctions.functions(
      query: { query in
        query == "up"
          ? [
            TemplateSample(labels: ["instance": "a"], value: 1),
            TemplateSample(labels: ["instance": "b"], value: 0),
          ]
          : [TemplateSample(labels: [:], value: 1_234_567)]
      }, externalURL: "", timestamp: 0)
    let iteration = "{{ range query \"up\" }}\n  {{ .Labels.instance }} {{ .Value }}\n{{ end }}"
    #expect(render(iteration, functions: functions) == "\n  a 1\n\n  b 0\n")
    let one =
      "{{ with query \"some_metric{instance='someinstance'}\" }}\n  {{ . | first | value | humanize }}\n{{ end }}"
    #expect(render(one, functions: functions) == "\n  1.235M\n")
    let reuse =
      "{{/* Define the template */}}{{define \"myTemplate\"}}\n  do something\n{{end}}"
      + "{{/* Use the template */}}{{template \"myTemplate\"}}"
    #expect(render(reuse, functions: functions) == "\n  do something\n")
    let multi =
      "{{define \"myMultiArgTemplate\"}}\n  First argument: {{.arg0}}\n  Second argument: {{.arg1}}\n{{end}}"
      + "{{template \"myMultiArgTemplate\" (args 1 2)}}"
    #expect(render(multi, functions: functions) == "\n  First argument: 1\n  Second argument: 2\n")
  }

  @Test func concurrentExpansionIsSafe() async {
    let template = try? Template(name: "t", text: "{{ range . }}{{ . }}{{ end }}")
    await withTaskGroup(of: String?.self) { group in
      for _ in 0..<8 { group.addTask { try? template?.execute([1, 2, 3]) } }
      for await result in group { #expect(result == "123") }
    }
  }
}
