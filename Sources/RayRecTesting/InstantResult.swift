public import PromQL

/// What an instant query returned, with ways to pick a series by a subset of its labels.
public struct InstantResult: Sendable, CustomStringConvertible {
  /// The samples (a scalar result is one sample without labels).
  public let samples: [VectorSample]
  /// The query and the time it ran at (unix ms).
  public let query: String
  public let time: Int64

  /// Creates the value from its parts.
  public init(samples: [VectorSample], query: String, time: Int64) {
    self.samples = samples
    self.query = query
    self.time = time
  }

  /// The value of the only series whose labels include `labels`; nil when none or several do.
  public subscript(_ labels: [String: String]) -> Double? {
    matching(labels).count == 1 ? matching(labels)[0].value : nil
  }

  /// The value of the only series with `label` = `value` (`result["State", "RUNNING"]`).
  public subscript(_ label: String, _ value: String) -> Double? { self[[label: value]] }

  /// The samples whose labels include every pair of `labels`.
  public func matching(_ labels: [String: String]) -> [VectorSample] {
    samples.filter { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }
  }

  /// The value when exactly one series came back.
  public var onlyValue: Double? { samples.count == 1 ? samples[0].value : nil }
  /// Number of series.
  public var count: Int { samples.count }
  /// Whether nothing came back.
  public var isEmpty: Bool { samples.isEmpty }
  /// Sum of all values.
  public var sum: Double { samples.reduce(0) { $0 + $1.value } }

  public var description: String {
    if samples.isEmpty { return "(empty result)" }
    return samples.map { "\($0.labels) = \(Sparkline.number($0.value))" }.joined(separator: "\n")
  }
}

/// A condition on one value, used by window checks.
public enum Condition: Sendable, Hashable, CustomStringConvertible {
  case lessThan(Double)
  case lessThanOrEqual(Double)
  case greaterThan(Double)
  case greaterThanOrEqual(Double)
  /// Within `tolerance` (absolute) of the value.
  case equal(Double, tolerance: Double)
  /// Inside the closed range.
  case between(Double, Double)

  /// Whether `v` satisfies the condition (NaN never does).
  public func holds(_ v: Double) -> Bool {
    switch self {
    case .lessThan(let x): return v < x
    case .lessThanOrEqual(let x): return v <= x
    case .greaterThan(let x): return v > x
    case .greaterThanOrEqual(let x): return v >= x
    case .equal(let x, let tolerance): return abs(v - x) <= tolerance || v == x
    case .between(let a, let b): return v >= a && v <= b
    }
  }

  public var description: String {
    switch self {
    case .lessThan(let x): return "< \(Sparkline.number(x))"
    case .lessThanOrEqual(let x): return "<= \(Sparkline.number(x))"
    case .greaterThan(let x): return "> \(Sparkline.number(x))"
    case .greaterThanOrEqual(let x): return ">= \(Sparkline.number(x))"
    case .equal(let x, let t): return "== \(Sparkline.number(x))" + (t > 0 ? " ± \(Sparkline.number(t))" : "")
    case .between(let a, let b): return "in \(Sparkline.number(a))...\(Sparkline.number(b))"
    }
  }
}
