public import PromQL

extension ScriptRunner {
  /// nil when `value` is what the eval expects; otherwise what differs, expected and got.
  func compare(_ eval: EvalCommand, _ value: Value) -> String? {
    if let wanted = eval.expectedString {
      guard case .string(let got) = value else {
        return "expected string \"\(wanted)\", got:\n\(Self.describe(value))"
      }
      return got == wanted ? nil : "expected string \"\(wanted)\", got \"\(got)\""
    }
    if let range = eval.rangeVector {
      guard case .matrix(let series) = value else {
        return "expected a range vector, got:\n\(Self.describe(value))"
      }
      return Self.compareMatrix(series, start: range.start, step: range.step, expected: eval.expectedSeries)
    }
    if let wanted = eval.expectedScalar {
      guard case .scalar(let got) = value else {
        return "expected scalar \(Self.format(wanted)), got:\n\(Self.describe(value))"
      }
      return Self.almostEqual(got, wanted)
        ? nil : "expected scalar \(Self.format(wanted)), got \(Self.format(got))"
    }
    guard case .vector(let samples) = value else {
      return "expected an instant vector, got:\n\(Self.describe(value))"
    }
    return Self.compareVector(samples, expected: eval.expectedSeries, ordered: eval.ordered)
  }

  static func compareVector(_ samples: [VectorSample], expected: [SeriesDescription], ordered: Bool)
    -> String?
  {
    var wanted: [Labels: (index: Int, value: Double?)] = [:]
    for (index, series) in expected.enumerated() {
      wanted[series.labels] = (index, series.values.first ?? nil)
    }
    var problems: [String] = []
    for (position, sample) in samples.enumerated() {
      guard let (index, value) = wanted.removeValue(forKey: sample.labels) else {
        problems.append("unexpected \(sample.labels) \(format(sample.value))")
        continue
      }
      if let value, !almostEqual(sample.value, value) {
        problems.append("\(sample.labels): expected \(format(value)), got \(format(sample.value))")
      } else if value == nil {
        problems.append("unexpected \(sample.labels) \(format(sample.value)) (expected no value)")
      } else if ordered, index != position {
        problems.append("\(sample.labels): expected at position \(index + 1), got at \(position + 1)")
      }
    }
    for (labels, entry) in wanted where entry.value != nil {
      problems.append("missing \(labels) \(format(entry.value ?? 0))")
    }
    guard !problems.isEmpty else { return nil }
    return report(
      problems, expected: expected.map { "\($0.labels) \(formatValues($0.values))" },
      got: samples.map { "\($0.labels) \(format($0.value))" })
  }

  /// Point i of an expected series is at `start + i*step`; `_` means no point there.
  static func compareMatrix(_ series: [Series], start: Int64, step: Int64, expected: [SeriesDescription])
    -> String?
  {
    var wanted: [Labels: [Double?]] = [:]
    for line in expected { wanted[line.labels] = line.values }
    var problems: [String] = []
    for actual in series {
      guard let values = wanted.removeValue(forKey: actual.labels) else {
        problems.append("unexpected \(actual.labels)")
        continue
      }
      var points: [Int64: Double] = [:]
      for (time, value) in zip(actual.timestamps, actual.values) { points[time] = value }
      for (slot, value) in values.enumerated() {
        let time = start &+ Int64(slot) &* step
        let got = points.removeValue(forKey: time)
        switch (value, got) {
        case (nil, nil): break
        case (let want?, let have?) where almostEqual(have, want): break
        default:
          problems.append(
            "\(actual.labels) at \(format(Double(time) / 1000))s: expected \(value.map(format) ?? "_"), "
              + "got \(got.map(format) ?? "_")")
        }
      }
      for time in points.keys.sorted() {
        problems.append("\(actual.labels): unexpected point at \(format(Double(time) / 1000))s")
      }
    }
    for (labels, values) in wanted where values.contains(where: { $0 != nil }) {
      problems.append("missing \(labels)")
    }
    guard !problems.isEmpty else { return nil }
    return report(
      problems, expected: expected.map { "\($0.labels) \(formatValues($0.values))" },
      got: series.map { s in
        "\(s.labels) "
          + zip(s.timestamps, s.values).map { "\(format($1))@\(format(Double($0) / 1000))s" }
          .joined(separator: " ")
      })
  }

  /// The first problems, then the expected and actual lines (a few of each).
  static func report(_ problems: [String], expected: [String], got: [String]) -> String {
    let limit = 10
    func listing(_ lines: [String]) -> String {
      if lines.isEmpty { return "  (nothing)" }
      let shown = lines.prefix(limit).map { "  " + $0 }
      return (shown + (lines.count > limit ? ["  ... \(lines.count - limit) more"] : [])).joined(
        separator: "\n")
    }
    let sortedProblems = problems.sorted()
    var text = sortedProblems.prefix(5).joined(separator: "\n")
    if sortedProblems.count > 5 { text += "\n... \(sortedProblems.count - 5) more differences" }
    return text + "\nexpected:\n" + listing(expected) + "\ngot:\n" + listing(got)
  }

  /// A value as the scripts write it, for reports.
  public static func describe(_ value: Value) -> String {
    switch value {
    case .scalar(let number): return "  scalar \(format(number))"
    case .string(let text): return "  string \"\(text)\""
    case .vector(let samples):
      return samples.isEmpty
        ? "  (empty vector)" : samples.map { "  \($0.labels) \(format($0.value))" }.joined(separator: "\n")
    case .matrix(let series):
      if series.isEmpty { return "  (empty matrix)" }
      return series.map { s in
        "  \(s.labels) "
          + zip(s.timestamps, s.values).map { "\(format($1))@\(format(Double($0) / 1000))s" }
          .joined(separator: " ")
      }.joined(separator: "\n")
    }
  }

  static func formatValues(_ values: [Double?]) -> String {
    values.map { $0.map(format) ?? "_" }.joined(separator: " ")
  }

  static func format(_ value: Double) -> String {
    if StaleMarker.isStale(value) { return "stale" }
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    return PrometheusFloatText.apiValue(value)
  }

  /// promqltest's float comparison: relative 1e-6; NaN equals NaN; a stale marker only itself.
  public static func almostEqual(_ a: Double, _ b: Double) -> Bool {
    if StaleMarker.isStale(a) || StaleMarker.isStale(b) {
      return StaleMarker.isStale(a) && StaleMarker.isStale(b)
    }
    if a == b || (a.isNaN && b.isNaN) { return true }
    let sum = abs(a) + abs(b)
    if a == 0 || b == 0 || sum < Double.leastNormalMagnitude {
      return abs(a - b) < 1e-6 * Double.leastNormalMagnitude
    }
    return abs(a - b) / min(sum, Double.greatestFiniteMagnitude) < 1e-6
  }
}
