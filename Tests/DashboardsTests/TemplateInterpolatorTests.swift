import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct TemplateInterpolatorTests {
  static let multi = VariableValue(name: "host", values: ["a.b", "c"], multi: true, includeAll: true)
  static let single = VariableValue(name: "job", values: ["ray'x"])
  static let all = VariableValue(
    name: "state", values: ["RUNNING", "FINISHED"], texts: ["All"], isAll: true, allValue: nil, multi: true,
    includeAll: true)
  static let allCustom = VariableValue(
    name: "cluster", values: ["e2e"], texts: ["All"], isAll: true, allValue: ".*", includeAll: true)
  static let interpolator = TemplateInterpolator([
    multi, single, all, allCustom, .single("__interval", "15s"),
  ])

  @Test(arguments: [
    // Prometheus query default: regex-escaped, (a|b) for several values.
    ("up{h=~\"$host\"}", "up{h=~\"(a\\\\.b|c)\"}"),
    ("up{h=~\"${host}\"}", "up{h=~\"(a\\\\.b|c)\"}"),
    ("up{h=~\"[[host]]\"}", "up{h=~\"(a\\\\.b|c)\"}"),
    ("up{j=\"$job\"}", "up{j=\"ray\\\\'x\"}"),
    ("x{s=~\"$state\"}", "x{s=~\"(RUNNING|FINISHED)\"}"),
    ("x{c=~\"$cluster\"}", "x{c=~\".*\"}"),
    ("rate(x[$__interval])", "rate(x[15s])"),
    ("$unknown and ${other:csv}", "$unknown and ${other:csv}"),
    ("$hostname", "$hostname"),
    // Explicit formats.
    ("${host:csv}", "a.b,c"),
    ("${host:pipe}", "a.b|c"),
    ("${host:regex}", "(a\\.b|c)"),
    ("${host:raw}", "a.b,c"),
    ("${host:glob}", "{a.b,c}"),
    ("${host:json}", "[\"a.b\",\"c\"]"),
    ("${host:doublequote}", "\"a.b\",\"c\""),
    ("${host:singlequote}", "'a.b','c'"),
    ("${host:sqlstring}", "'a.b','c'"),
    ("${host:distributed}", "a.b,host=c"),
    ("${host:queryparam}", "var-host=a.b&var-host=c"),
    ("${host:lucene}", "(\"a.b\" OR \"c\")"),
    ("${host:percentencode}", "%7Ba.b%2Cc%7D"),
    ("${host:text}", "a.b + c"),
    ("${host:nonsense}", "{a.b,c}"),
    ("[[host:csv]]", "a.b,c"),
    ("${job:singlequote}", "'ray\\'x'"),
    ("${job:doublequote}", "\"ray'x\""),
    ("${job:sqlstring}", "'ray''x'"),
    ("${job:regex}", "ray'x"),
    ("${state:text}", "All"),
    ("${state:queryparam}", "var-state=$__all"),
    ("${cluster:csv}", ".*"),
    ("${cluster:text}", "All"),
  ])
  func interpolates(_ template: String, _ expected: String) {
    #expect(Self.interpolator.interpolate(template) == expected)
  }

  @Test func titlesUseTextFormat() {
    #expect(Self.interpolator.interpolate("CPU on $host", format: .text) == "CPU on a.b + c")
  }

  @Test func findsReferencedNames() {
    #expect(
      TemplateInterpolator.referencedNames(in: "a{b=\"$x\", c=\"${y:csv}\"} [[z]] $__range") == [
        "x", "y", "z", "__range",
      ])
    #expect(TemplateInterpolator.soleVariableName("${datasource}") == "datasource")
    #expect(TemplateInterpolator.soleVariableName("prom $ds") == nil)
  }
}
