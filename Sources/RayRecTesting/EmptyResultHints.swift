import Dashboards
import PromQL

extension Recording {
  /// Why `query` returned nothing from `start` to `end`, as message lines: what the recording
  /// lacks (a metric, a label value: the reasons `rayrec check dashboard` gives), and for a
  /// filter such as `x > 3`, how high its left side got (so a threshold never crossed says by
  /// how much).
  func emptyResultHints(_ query: String, start: Int64, end: Int64, step: Int64) -> [String] {
    guard let parsed = try? Parser.parse(query) else { return [] }
    var lines: [String] = []
    if let engine = backend.engine {
      let explainer = NoDataExplainer(engine: engine, start: start, end: end, step: step)
      let reasons = explainer.explain(parsed).filter { !$0.hasPrefix("every selector has series") }
      lines += reasons.filter { $0 != "the query returns nothing over the window" }.map { "  reason: \($0)" }
    }
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
