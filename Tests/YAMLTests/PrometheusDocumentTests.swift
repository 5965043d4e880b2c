import Foundation
import Testing
import YAML

@Suite(.timeLimit(.minutes(1))) struct PrometheusDocumentTests {
  static let ruleFile = """
    # Rules for the API tier.
    groups:
      - name: api.rules
        interval: 30s
        rules:
          - record: job:http_requests:rate5m
            expr: sum by (job) (rate(http_requests_total[5m]))
          - record: job:http_errors:ratio5m
            expr: |
              sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
                /
              sum by (job) (rate(http_requests_total[5m]))
            labels:
              tier: api
              priority: 1
          - alert: HighErrorRate
            expr: sum by (job) (rate(x{code="500"}[5m])) > 0.05
            for: 10m
            keep_firing_for: 5m
            labels: {severity: page, team: "sre"}
            annotations:
              summary: "{{ $labels.job }} has a high error rate"
              description: 'Error ratio is {{ $value | humanizePercentage }} (job {{ $labels.job }}).'
              runbook: >-
                https://runbooks.example.com/api/
                high-error-rate
      - name: empty
        rules: []

    """

  static let unitTestFile = """
    rule_files:
      - rules.yml

    evaluation_interval: 1m

    tests:
      # A sustained error burst fires the alert.
      - interval: 1m
        input_series:
          - series: 'http_requests_total{job="api", code="500"}'
            values: '0+10x20'
          - series: 'http_requests_total{job="api", code="200"}'
            values: "0+100x20 _ stale"
          - series: up{job="api",instance="a:9090"}
            values: 1 1 1 0 0
        alert_rule_test:
          - eval_time: 15m
            alertname: HighErrorRate
            exp_alerts:
              - exp_labels:
                  severity: page
                  team: sre
                  job: api
                exp_annotations:
                  summary: "api has a high error rate"
          - eval_time: 1m
            alertname: HighErrorRate
            exp_alerts: []
        promql_expr_test:
          - expr: job:http_requests:rate5m
            eval_time: 10m
            exp_samples:
              - labels: 'job:http_requests:rate5m{job="api"}'
                value: 1.8333333333333333E+00
        external_labels: {}

    """

  static let config = """
    global:
      scrape_interval: 15s
      external_labels: &labels
        region: eu-1
        env: prod
    rule_files: ["rules/*.yml", 'more/*.yaml']
    alerting:
      alertmanagers:
      - static_configs:
        - targets: [am1:9093, am2:9093]
    scrape_configs:
      - job_name: node
        honor_labels: true
        static_configs:
          - targets: ['localhost:9100']
            labels:
              <<: *labels
              env: staging
        relabel_configs:
          - source_labels: [__address__]
            regex: '(.*):\\d+'
            target_label: instance
            replacement: "${1}"

    """

  @Test func aRuleFileParses() throws {
    let root = try #require(try YAMLParser.parse(Self.ruleFile, file: "rules.yml"))
    let groups = try #require(root["groups"]?.items)
    #expect(groups.count == 2)
    let rules = try #require(groups[0]["rules"]?.items)
    #expect(groups[0]["interval"]?.scalar?.text == "30s")
    #expect(rules[0]["expr"]?.scalar?.text == "sum by (job) (rate(http_requests_total[5m]))")
    #expect(rules[0]["expr"]?.mark == YAMLMark(line: 7, column: 15))
    #expect(
      rules[1]["expr"]?.scalar?.text == """
        sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
          /
        sum by (job) (rate(http_requests_total[5m]))

        """)
    #expect(rules[1]["labels"]?["priority"]?.scalar == YAMLScalar(text: "1", style: .plain))
    #expect(rules[2]["expr"]?.scalar?.text == #"sum by (job) (rate(x{code="500"}[5m])) > 0.05"#)
    #expect(rules[2]["labels"]?["team"]?.scalar == YAMLScalar(text: "sre", style: .doubleQuoted))
    #expect(rules[2]["annotations"]?["summary"]?.scalar?.text == "{{ $labels.job }} has a high error rate")
    #expect(
      rules[2]["annotations"]?["description"]?.scalar?.text
        == "Error ratio is {{ $value | humanizePercentage }} (job {{ $labels.job }}).")
    #expect(
      rules[2]["annotations"]?["runbook"]?.scalar?.text == "https://runbooks.example.com/api/ high-error-rate"
    )
    #expect(groups[1]["rules"]?.items?.isEmpty == true)
  }

  @Test func aUnitTestFileParses() throws {
    let root = try #require(try YAMLParser.parse(Self.unitTestFile, file: "test.yml"))
    #expect(root["rule_files"]?.items?.map { $0.scalar?.text } == ["rules.yml"])
    #expect(root["evaluation_interval"]?.scalar?.text == "1m")
    let test = try #require(root["tests"]?.items?.first)
    let series = try #require(test["input_series"]?.items)
    #expect(series[0]["series"]?.scalar?.text == #"http_requests_total{job="api", code="500"}"#)
    #expect(series[1]["values"]?.scalar?.text == "0+100x20 _ stale")
    #expect(series[2]["series"]?.scalar?.text == #"up{job="api",instance="a:9090"}"#)
    #expect(series[2]["values"]?.scalar?.text == "1 1 1 0 0")
    let alerts = try #require(test["alert_rule_test"]?.items)
    #expect(alerts[0]["exp_alerts"]?.items?.first?["exp_labels"]?["job"]?.scalar?.text == "api")
    #expect(alerts[1]["exp_alerts"]?.items?.isEmpty == true)
    let sample = try #require(test["promql_expr_test"]?.items?.first?["exp_samples"]?.items?.first)
    #expect(sample["value"]?.asDouble() == 1.8333333333333333)
    #expect(test["external_labels"]?.pairs?.isEmpty == true)
  }

  @Test func aConfigWithAnchorsAndMergesParses() throws {
    let root = try #require(try YAMLParser.parse(Self.config, file: "prometheus.yml"))
    #expect(root["rule_files"]?.items?.map { $0.scalar?.text } == ["rules/*.yml", "more/*.yaml"])
    let targets = root["alerting"]?["alertmanagers"]?.items?.first?["static_configs"]?.items?.first?[
      "targets"]
    #expect(targets?.items?.map { $0.scalar?.text } == ["am1:9093", "am2:9093"])
    let job = try #require(root["scrape_configs"]?.items?.first)
    #expect(job["honor_labels"]?.asBool() == true)
    let labels = try #require(job["static_configs"]?.items?.first?["labels"])
    #expect(render(labels) == #"{"region": "eu-1", "env": "staging"}"#)
    let relabel = try #require(job["relabel_configs"]?.items?.first)
    #expect(relabel["regex"]?.scalar?.text == #"(.*):\d+"#)
    #expect(relabel["replacement"]?.scalar?.text == "${1}")
  }

  /// The upstream promtool test data, when the shared folder is present: every file parses (none of
  /// them is broken at the YAML level; promtool's rejections there are about fields and PromQL).
  @Test func everyConformanceFileParses() throws {
    let root = "/work/shared/conformance/promtool-rules"
    guard FileManager.default.fileExists(atPath: root) else { return }
    var checked = 0
    for folder in [root, root + "/newer"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for name in names.sorted() where name.hasSuffix(".yml") && name != "rules_large.yml" {
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        #expect(failure(text) == nil, "\(folder)/\(name)")
        checked += 1
      }
    }
    #expect(checked > 10)
  }
}
