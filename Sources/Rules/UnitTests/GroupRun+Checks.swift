import Basics
import Foundation
import PromQL

extension GroupRun {
  /// The `alert_rule_test` cases at `evalTime`, against the firing alerts of the rules they name.
  func checkAlerts(at evalTime: Int64, _ evaluator: RuleEvaluator) -> [String] {
    let cases = group.alertTests.filter { $0.evalTime == evalTime }
    let names = Set(cases.map(\.alertname))
    var got: [String: [AlertPair]] = [:]
    for (groupIndex, loaded) in evaluator.groups.enumerated() {
      for (ruleIndex, rule) in loaded.group.rules.enumerated()
      where rule.isAlerting && names.contains(rule.name) {
        let firing = evaluator.activeAlerts(group: groupIndex, rule: ruleIndex).filter { $0.state == .firing }
        got[rule.name, default: []] += firing.map {
          AlertPair(labels: $0.labels, annotations: $0.annotations)
        }
      }
    }
    var errors: [String] = []
    for test in cases {
      let expected = test.expected.map { alert in
        AlertPair(
          labels: Labels(alert.labels + [("alertname", test.alertname)]),
          annotations: Labels(alert.annotations))
      }
      .sorted()
      let actual = (got[test.alertname] ?? []).sorted()
      guard !sameAlerts(expected, actual) else { continue }
      let name = group.name.isEmpty ? "" : "    name: \(group.name),\n"
      let indent = String(repeating: " ", count: 12)
      var message =
        "\(name)    alertname: \(test.alertname), time: \(modelDuration(test.evalTime)), \n"
        + "        exp:\(indentLines(AlertPair.describe(expected), indent)), \n"
        + "        got:\(indentLines(AlertPair.describe(actual), indent))"
      if options.diff {
        message +=
          "\n        diff (- expected, + firing):\n"
          + AlertPair.diff(expected, actual).map { indent + $0 }.joined(separator: "\n")
      }
      errors.append(message)
    }
    return errors
  }

  /// One `promql_expr_test` case, queried at its eval time over the loaded and recorded data.
  func checkExpression(_ test: ExprTestCase, _ evaluator: RuleEvaluator) -> [String] {
    let place = "    expr: \(GoQuote.quote(test.expr)), time: \(modelDuration(test.evalTime))"
    let got: [VectorSample]
    do {
      let expr = try Parser.parse(test.expr, options: evaluator.parserOptions)
      got = try evaluator.query(expr, at: start &+ test.evalTime)
    } catch let error as PromQLError {
      return ["\(place), err: \(error.description)"]
    } catch let error as EvaluationError {
      return ["\(place), err: \(error.message)"]
    } catch {
      return ["\(place), err: \(error)"]
    }
    if test.expected.contains(where: { !$0.histogram.isEmpty }) {
      return ["\(place), err: native histograms are not supported (rayrec's engine has floats only)"]
    }
    var expected: [(labels: Labels, value: Double)] = []
    for sample in test.expected {
      do {
        expected.append((try metricLabels(sample.labels), sample.value))
      } catch {
        return ["\(place), err: labels \(GoQuote.quote(sample.labels)): \(error.description)"]
      }
    }
    expected.sort { Labels.precedes($0.labels, $1.labels) }
    let actual = got.map { ($0.labels, $0.value) }.sorted { Labels.precedes($0.0, $1.0) }
    let same =
      expected.count == actual.count
      && zip(expected, actual).allSatisfy { $0.labels == $1.0 && sameValue($0.value, $1.1) }
    if same { return [] }
    return [
      "\(place),\n        exp: \(describe(expected))\n        got: \(describe(actual.map { ($0.0, $0.1) }))"
    ]
  }

  private func sameAlerts(_ lhs: [AlertPair], _ rhs: [AlertPair]) -> Bool {
    lhs.count == rhs.count
      && zip(lhs, rhs).allSatisfy { $0.labels == $1.labels && $0.annotations == $1.annotations }
  }

  /// Go's `==` on float64, or within one ulp with `fuzzy_compare`.
  private func sameValue(_ lhs: Double, _ rhs: Double) -> Bool {
    if lhs == rhs { return true }
    return file.fuzzyCompare && (lhs.nextUp == rhs || lhs.nextDown == rhs)
  }

  private func describe(_ samples: [(labels: Labels, value: Double)]) -> String {
    if samples.isEmpty { return "nil" }
    return samples.map { "\($0.labels.description) \(GoSyntax.formatFloatUpperE($0.value))" }
      .joined(separator: ", ")
  }

  /// promql's `ParseMetric`: `name`, `name{l="v"}`, `{l="v"}`, `{}`.
  private func metricLabels(_ text: String) throws(PromQLError) -> Labels {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed == "{}" { return .empty }
    let matchers = try Parser.parseMetricSelector(text)
    return Labels(matchers.map { ($0.name, $0.value) })
  }

  func modelDuration(_ milliseconds: Int64) -> String {
    PromDuration.format(nanoseconds: milliseconds &* 1_000_000)
  }
}

/// promtool's `indentLines`: every line after the first gets `indent`.
func indentLines(_ text: String, _ indent: String) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    .map { $0.offset == 0 ? String($0.element) : indent + $0.element }.joined(separator: "\n")
}

/// An alert's labels and annotations, as promtool compares and prints them.
struct AlertPair: Comparable {
  var labels: Labels
  var annotations: Labels

  static func < (lhs: AlertPair, rhs: AlertPair) -> Bool {
    if lhs.labels != rhs.labels { return Labels.precedes(lhs.labels, rhs.labels) }
    return Labels.precedes(lhs.annotations, rhs.annotations)
  }

  static func == (lhs: AlertPair, rhs: AlertPair) -> Bool {
    lhs.labels == rhs.labels && lhs.annotations == rhs.annotations
  }

  /// What differs between expected and firing alerts: alerts only on one side, and for alerts
  /// with the same labels, each annotation that differs.
  static func diff(_ expected: [AlertPair], _ actual: [AlertPair]) -> [String] {
    var lines: [String] = []
    let actualByLabels = Dictionary(actual.map { ($0.labels, $0) }, uniquingKeysWith: { first, _ in first })
    let expectedLabels = Set(expected.map(\.labels))
    for alert in expected {
      guard let other = actualByLabels[alert.labels] else {
        lines.append("- \(alert.labels.description) \(alert.annotations.description)")
        continue
      }
      guard other.annotations != alert.annotations else { continue }
      lines.append("  \(alert.labels.description)")
      let names = Set(alert.annotations.map(\.name)).union(other.annotations.map(\.name)).sorted()
      for name in names where alert.annotations[name] != other.annotations[name] {
        if let value = alert.annotations[name] { lines.append("-   \(name): \(GoQuote.quote(value))") }
        if let value = other.annotations[name] { lines.append("+   \(name): \(GoQuote.quote(value))") }
      }
    }
    for alert in actual where !expectedLabels.contains(alert.labels) {
      lines.append("+ \(alert.labels.description) \(alert.annotations.description)")
    }
    return lines
  }

  /// `labelsAndAnnotations.String()`.
  static func describe(_ alerts: [AlertPair]) -> String {
    if alerts.isEmpty { return "[]" }
    var out = "["
    for (index, alert) in alerts.enumerated() {
      out += (index == 0 ? "\n" : ",\n") + "\(index):"
      out += indentLines(
        "\nLabels:\(alert.labels.description)\nAnnotations:\(alert.annotations.description)", "  ")
    }
    return out + "\n]"
  }
}
