import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct AlertTemplateExpanderTests {
  static let labels = [
    "alertname": "InstanceDown", "instance": "web-1:9100", "job": "node", "severity": "page",
  ]

  static func expand(_ text: String, value: Double = 1.5) -> String {
    AlertTemplateExpander().expand(
      name: "InstanceDown", text: text, labels: labels, value: value, externalLabels: ["cluster": "eu-1"],
      externalURL: "http://prom.example/", timestamp: 1_700_000_000,
      query: { _ in [TemplateSample(labels: ["instance": "web-1:9100"], value: 0.42)] })
  }

  static let cases: [GoldenCase] = [
    GoldenCase("Instance {{$labels.instance}} down", "Instance web-1:9100 down"),
    GoldenCase(
      "{{$labels.instance}} of job {{$labels.job}} has been down for more than 5 minutes.",
      "web-1:9100 of job node has been down for more than 5 minutes."),
    GoldenCase("{{ $value }}|{{ .Value }}|{{ humanize $value }}", "1.5|1.5|1.5"),
    GoldenCase("[{{ $labels.nothing }}] [{{ index $labels \"nothing\" }}]", "[] []"),
    GoldenCase(
      "{{ $externalLabels.cluster }} {{ $externalURL }} {{ .ExternalURL }}",
      "eu-1 http://prom.example/ http://prom.example/"),
    GoldenCase("{{ with query \"up\" }}{{ . | first | value | humanizePercentage }}{{ end }}", "42%"),
    GoldenCase("{{ if gt $value 1.0 }}high{{ else }}low{{ end }}", "high"),
    GoldenCase(
      "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}",
      "alertname=InstanceDown instance=web-1:9100 job=node severity=page "),
    GoldenCase("{{ $labels.instance | stripPort | toUpper }}", "WEB-1"),
  ]

  @Test(arguments: cases)
  func expandsAlertTemplates(_ golden: GoldenCase) {
    #expect(Self.expand(golden.text) == golden.expected)
  }

  @Test func valuesPrintAsGoPrintsFloat64() {
    #expect(Self.expand("{{ $value }}", value: 100) == "100")
    #expect(Self.expand("{{ $value }}", value: 1e21) == "1e+21")
    #expect(Self.expand("{{ $value }}", value: 1_234_567) == "1.234567e+06")
    #expect(Self.expand("{{ $value }}", value: .nan) == "NaN")
  }

  @Test func executionErrorsBecomeTheAnnotationText() {
    let column = AlertTemplateExpander.definitions.utf8.count + 3
    #expect(
      Self.expand("{{ humanize \"x\" }}")
        == "<error expanding template: error executing template __alert_InstanceDown: template: __alert_InstanceDown:1:\(column): executing \"__alert_InstanceDown\" at <humanize \"x\">: error calling humanize: strconv.ParseFloat: parsing \"x\": invalid syntax>"
    )
    #expect(
      Self.expand("{{ lt $value 1 }}")
        == "<error expanding template: error executing template __alert_InstanceDown: template: __alert_InstanceDown:1:\(column): executing \"__alert_InstanceDown\" at <lt $value 1>: error calling lt: incompatible types for comparison>"
    )
  }

  @Test func parseErrorsBecomeTheAnnotationText() {
    #expect(
      Self.expand("line one\n{{ $labels.job }")
        == "<error expanding template: error parsing template __alert_InstanceDown: template: __alert_InstanceDown:2: unexpected \"}\" in operand>"
    )
  }

  @Test func checkParsesWithoutRunning() throws {
    try AlertTemplateExpander.check(text: "{{ query \"up\" | first | value }} {{ $labels.x }}", alert: "A")
    #expect(throws: TemplateError.self) {
      try AlertTemplateExpander.check(text: "{{ humanize $value }", alert: "A")
    }
    do {
      try AlertTemplateExpander.check(text: "{{ humanize $value }", alert: "A")
    } catch {
      #expect(error.message == "template: __alert_A:1: unexpected \"}\" in operand")
    }
    #expect(
      AlertTemplateExpander.checkRule(
        alert: "A", labels: ["ok": "{{ $value }}", "bad": "{{ nosuch }}"],
        annotations: ["summary": "{{ end }}"])
        == [
          "label \"bad\": template: __alert_A:1: function \"nosuch\" not defined",
          "annotation \"summary\": template: __alert_A:1: unexpected {{end}}",
        ])
  }
}
