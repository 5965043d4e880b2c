import Dashboards
import PromQL
import Rules

extension Recording {
  /// Why `query` returned nothing from `start` to `end`, as message lines: what the recording
  /// lacks (a metric, a label value: the reasons `rayrec check dashboard` gives), and for a
  /// filter such as `x > 3`, how high its left side got (so a threshold never crossed says by
  /// how much).
  func emptyResultHints(_ query: String, start: Int64, end: Int64, step: Int64) -> [String] {
    guard let parsed = try? Parser.parse(query) else { return [] }
    var lines: [String] = []
    let explainer = NoDataExplainer(service: backend.service, start: start, end: end, step: step)
    let reasons = explainer.explain(parsed).filter { !$0.hasPrefix("every selector has series") }
    lines += reasons.filter { $0 != "the query returns nothing over the window" }.map { "  reason: \($0)" }
    lines += recordingRuleHints(parsed, start: start, end: end)
    if let (side, comparison) = Self.filteredSide(parsed) {
      let text = side.description
      if let series = try? backend.rangeQuery(text, start: start, end: end, step: max(1, step)),
        !series.isEmpty
      {
        var peak: (value: Double, time: Int64, labels: Labels)?
        for s in series {
          for (t, v) in zip(s.timestamps, s.values) where !v.isNaN && v > (peak?.value ?? -.infinity) {
            peak = (v, t, s.labels)
          }
        }
        if let peak {
          lines.append(
            "  peak of \(text): \(Sparkline.number(peak.value)) at \(Sparkline.time(peak.time)) \(peak.labels) (never \(comparison))"
          )
        }
      } else if lines.isEmpty {
        lines.append("  \(text) returned nothing either")
      }
    }
    return lines
  }

  /// For each selected name that looks like a recording rule's (`level:metric:operations`) and has no
  /// series: whether any loaded rule file records it, or that none is loaded.
  func recordingRuleHints(_ expr: Expr, start: Int64, end: Int64) -> [String] {
    var names: [String] = []
    func walk(_ node: Expr) {
      switch node {
      case .vectorSelector(let selector): names.append(selector.name)
      case .matrixSelector(let matrix): names.append(matrix.selector.name)
      default: node.children.forEach(walk)
      }
    }
    walk(expr)
    var lines: [String] = []
    for name in Set(names).sorted() where name.contains(":") {
      let selector = [LabelMatcher(equal: LabelMatcher.metricNameLabel, name)]
      if let found = try? backend.service.series(matching: selector, start: start, end: end), !found.isEmpty {
        continue
      }
      if let rules = backend as? RulesBackend {
        if !rules.recordedNames.contains(name) {
          lines.append(
            "  hint: \(name) looks like a recording rule, but no rule in "
              + rules.ruleFiles.map(\.path).joined(separator: ", ") + " records it")
        }
      } else {
        lines.append(
          "  hint: \(name) looks like a recording rule and is not in the recording: load the rule file that"
            + " records it with .rules(\"rules/x.yml\") beside .recording(...)")
      }
    }
    return lines
  }

  /// For `lhs OP number` (a comparison without `bool`, which filters): the side that is not the
  /// number, and the comparison as text (`> 3`).
  static func filteredSide(_ expr: Expr) -> (Expr, String)? {
    switch expr {
    case .paren(let node): return filteredSide(node.expr)
    case .binary(let node) where node.op.isComparison && !node.returnBool:
      if case .number = node.rhs { return (node.lhs, "\(node.op.rawValue) \(node.rhs)") }
      if case .number = node.lhs { return (node.rhs, "\(node.lhs) \(node.op.rawValue) it") }
      return nil
    default:
      return nil
    }
  }
}
