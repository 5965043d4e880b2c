public import Archive
import Exposition
import PromQL
public import SeriesStore

/// What a recording holds, in the terms a diff compares: its targets, its metric families'
/// metadata (from each target's last successful scrape), and per metric name its series count,
/// label names and value magnitude.
public struct RecordingProfile: Sendable, Equatable {
  /// A family's metadata as exposed.
  public struct Family: Sendable, Equatable {
    public var type: String
    public var help: String
  }

  /// What the series of one metric name hold over the whole recording.
  public struct Metric: Sendable, Equatable {
    public var series = 0
    /// Label names of its series (without `__name__`).
    public var labelNames: Set<String> = []
    /// The smallest and largest finite value recorded (nil when every value is NaN or none is).
    public var range: ClosedRange<Double>?
  }

  /// `job instance` of each target.
  public var targets: Set<String>
  /// By family name.
  public var families: [String: Family]
  /// By metric (series) name.
  public var metrics: [String: Metric]

  /// Profiles the recording read by `reader` into `store`.
  public init(reader: ArchiveReader, store: SeriesStore) {
    targets = Set(reader.targets.map { "\($0.job) \($0.instance)" })
    var families: [String: Family] = [:]
    for target in reader.targets {
      guard let good = reader.summaries(target: target.id).last(where: { !$0.isFailure }),
        let frame = try? reader.frame(target: target.id, at: good.timeMs),
        let parsed = try? MetricFamily.parse(
          frame.body, format: ExpositionFormat(contentType: frame.contentType), strict: false)
      else { continue }
      for family in parsed where families[family.name] == nil {
        families[family.name] = Family(type: family.type.rawValue, help: family.help ?? "")
      }
    }
    self.families = families
    var metrics: [String: Metric] = [:]
    for series in store.series {
      guard let name = series.labels.metricName else { continue }
      var metric = metrics[name] ?? Metric()
      metric.series += 1
      for label in series.labels where label.name != "__name__" { metric.labelNames.insert(label.name) }
      for value in series.values where value.isFinite {
        metric.range =
          metric.range.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
      }
      metrics[name] = metric
    }
    self.metrics = metrics
  }
}
