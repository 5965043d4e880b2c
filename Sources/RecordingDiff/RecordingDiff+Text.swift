import Basics
import Exposition
import Foundation
import PromQL

extension RecordingDiff {
  /// The diff as text, one section per kind of change, empty sections left out.
  public var textLines: [String] {
    var out: [String] = []
    func section(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      out.append("\(title) (\(items.count)):")
      out += items.map { "  " + $0 }
    }
    section("targets only in A", targetsRemoved)
    section("targets only in B", targetsAdded)
    section("metric families only in A", familiesRemoved)
    section("metric families only in B", familiesAdded)
    section("type changed", typeChanges.map { "\($0.name): \($0.before) -> \($0.after)" })
    section(
      "HELP changed",
      helpChanges.map { "\($0.name): \(GoQuote.quote($0.before)) -> \(GoQuote.quote($0.after))" })
    section("metrics only in A", metricsRemoved)
    section("metrics only in B", metricsAdded)
    section(
      "label names changed",
      labelChanges.map { change in
        "\(change.name): "
          + (change.added.map { "+" + $0 } + change.removed.map { "-" + $0 }).joined(separator: " ")
      })
    section("series count changed", seriesCounts.map { "\($0.name): \($0.before) -> \($0.after)" })
    section(
      "values moved by more than \(ExpositionWriter.formatValue(factor))x",
      rangeChanges.map { "\($0.name): \(Self.range($0.before)) -> \(Self.range($0.after))" })
    section(
      "panels with data in one recording only",
      panelChanges.map { change in
        "\(change.dashboard) / \(change.panel): \(change.before) -> \(change.after)"
          + (change.reasons.isEmpty ? "" : ": " + change.reasons.joined(separator: "; "))
      })
    if out.isEmpty { out.append("no differences") }
    return out
  }

  /// The diff as a JSON object (keys sorted).
  public var json: String {
    func changes(_ list: [Change]) -> JSONValue {
      JSONValue(
        list.map {
          ["name": JSONValue($0.name), "before": JSONValue($0.before), "after": JSONValue($0.after)]
        })
    }
    let object: JSONValue = [
      "targets_only_in_a": JSONValue(targetsRemoved), "targets_only_in_b": JSONValue(targetsAdded),
      "families_only_in_a": JSONValue(familiesRemoved), "families_only_in_b": JSONValue(familiesAdded),
      "type_changed": changes(typeChanges), "help_changed": changes(helpChanges),
      "metrics_only_in_a": JSONValue(metricsRemoved), "metrics_only_in_b": JSONValue(metricsAdded),
      "label_names_changed": JSONValue(
        labelChanges.map {
          ["name": JSONValue($0.name), "added": JSONValue($0.added), "removed": JSONValue($0.removed)]
        }
      ),
      "series_count_changed": changes(seriesCounts),
      "values_moved": JSONValue(
        rangeChanges.map {
          [
            "name": JSONValue($0.name), "before": JSONValue([$0.before.lowerBound, $0.before.upperBound]),
            "after": JSONValue([$0.after.lowerBound, $0.after.upperBound]),
          ]
        }),
      "factor": JSONValue(factor),
      "panels_changed": JSONValue(
        panelChanges.map {
          [
            "dashboard": JSONValue($0.dashboard), "panel": JSONValue($0.panel),
            "before": JSONValue($0.before),
            "after": JSONValue($0.after), "reasons": JSONValue($0.reasons),
          ]
        }),
    ]
    return object.prettyText()
  }

  static func range(_ r: ClosedRange<Double>) -> String {
    "[\(ExpositionWriter.formatValue(r.lowerBound)), \(ExpositionWriter.formatValue(r.upperBound))]"
  }
}
