/// A label name and value.
public struct Label: Sendable, Hashable, Comparable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }

  public static func < (a: Label, b: Label) -> Bool {
    (a.name, a.value) < (b.name, b.value)
  }
}

/// An OpenMetrics exemplar attached to a sample.
public struct Exemplar: Sendable, Hashable {
  public var labels: [Label]
  public var value: Double
  /// Milliseconds since the epoch, when the exemplar carries a timestamp.
  public var timestamp: Int64?

  public init(labels: [Label], value: Double, timestamp: Int64? = nil) {
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
  }
}

/// One sample line: a series (name and labels) and its value.
public struct Sample: Sendable, Hashable {
  /// The full sample name, suffix included (`x_bucket`, `x_total`).
  public var name: String
  /// Labels in the order they were written.
  public var labels: [Label]
  public var value: Double
  /// Milliseconds since the epoch, when the line carries a timestamp.
  public var timestamp: Int64?
  public var exemplar: Exemplar?

  public init(
    name: String, labels: [Label] = [], value: Double, timestamp: Int64? = nil,
    exemplar: Exemplar? = nil
  ) {
    self.name = name
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
    self.exemplar = exemplar
  }

  /// The value of label `name`, if present.
  public subscript(label name: String) -> String? {
    labels.first { $0.name == name }?.value
  }

  /// Equality that treats two NaNs as equal, for round-trip comparisons.
  public func isIdentical(to other: Sample) -> Bool {
    name == other.name && labels == other.labels && timestamp == other.timestamp
      && (value == other.value || value.isNaN && other.value.isNaN)
      && exemplar?.labels == other.exemplar?.labels
      && exemplar?.timestamp == other.exemplar?.timestamp
      && (exemplar?.value == other.exemplar?.value
        || exemplar?.value.isNaN == true && other.exemplar?.value.isNaN == true)
  }
}

/// A metric family: the metadata of one `# TYPE`/`# HELP`/`# UNIT` group and its samples.
public struct MetricFamily: Sendable, Hashable {
  public var name: String
  public var type: MetricType
  public var help: String?
  public var unit: String?
  public var samples: [Sample]

  public init(
    name: String, type: MetricType = .unknown, help: String? = nil, unit: String? = nil,
    samples: [Sample] = []
  ) {
    self.name = name
    self.type = type
    self.help = help
    self.unit = unit
    self.samples = samples
  }
}
