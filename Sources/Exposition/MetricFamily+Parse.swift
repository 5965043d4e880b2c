/// Building metric families from exposition text.
extension MetricFamily {
  /// Parses a whole body into metric families.
  ///
  /// Samples join the family of the metadata before them when their name is the family name
  /// or one of its type's suffixes (`_bucket`, `_sum`, `_count`, and in OpenMetrics `_total`,
  /// `_created`, `_info`, `_gcount`, `_gsum`); any other sample starts an untyped family.
  /// - Parameter strict: for OpenMetrics, enforce the specification's semantic rules too.
  public static func parse(
    _ bytes: [UInt8], format: ExpositionFormat, strict: Bool = true
  ) throws(ExpositionError) -> [MetricFamily] {
    var parser = ExpositionParser(bytes: bytes, format: format, strict: strict)
    var families: [MetricFamily] = []
    var current: MetricFamily?
    var allowed: [String] = []

    func suffixes(_ type: MetricType) -> [String] {
      format == .openMetrics ? type.openMetricsSuffixes : type.textSuffixes
    }

    while let entry = try parser.next() {
      switch entry {
      case .help, .type, .unit:
        let name = parser.metricName()
        if current?.name != name || (format == .openMetrics && current?.samples.isEmpty == false) {
          if let done = current { families.append(done) }
          current = MetricFamily(name: name)
          allowed = [name]
        }
        switch entry {
        case .help: current?.help = parser.helpText()
        case .unit: current?.unit = parser.string(parser.text)
        default:
          current?.type = parser.metricType
          allowed = suffixes(parser.metricType).map { name + $0 }
        }
      case .sample:
        let sample = parser.sample()
        if current == nil || !allowed.contains(sample.name) {
          if let done = current { families.append(done) }
          current = MetricFamily(name: sample.name)
          allowed = [sample.name]
        }
        current?.samples.append(sample)
      case .comment:
        break
      }
    }
    if let done = current { families.append(done) }
    return families
  }
}

/// Counts of what a body holds, as `rayrec check metrics` prints them.
public struct ExpositionSummary: Sendable, Hashable {
  public var families: Int
  /// Distinct series (name and label set).
  public var series: Int
  /// Sample lines.
  public var samples: Int

  public init(families: [MetricFamily]) {
    self.families = families.count
    var seen = Set<SeriesKey>()
    var count = 0
    for family in families {
      for sample in family.samples {
        count += 1
        seen.insert(SeriesKey(name: sample.name, labels: sample.labels.sorted()))
      }
    }
    self.series = seen.count
    self.samples = count
  }

  private struct SeriesKey: Hashable {
    var name: String
    var labels: [Label]
  }
}
