public import Archive
public import Exposition

/// One metric family's metadata as a target's scrape gave it in `# TYPE`, `# HELP` and `# UNIT`:
/// what Prometheus keeps per target and shows in `/api/v1/metadata`, and what remote write sends.
public struct RecordedMetadata: Hashable, Sendable {
  /// The family name (`ray_tasks`, `http_request_duration_seconds` for a histogram).
  public var metric: String
  /// The family's type; `.unknown` for untyped.
  public var type: MetricType
  /// The `# HELP` text, empty when none.
  public var help: String
  /// The `# UNIT` text (OpenMetrics), empty when none.
  public var unit: String

  /// Creates the value from its parts.
  public init(metric: String, type: MetricType, help: String, unit: String) {
    self.metric = metric
    self.type = type
    self.help = help
    self.unit = unit
  }

  /// The metadata of `target`'s last successful scrape at or before `end` (unix ms): every family
  /// that said its type, help or unit, in the body's order. Empty when no such scrape parses.
  ///
  /// Prometheus keeps the metadata of a target's latest scrape, so this is what it would hold had
  /// it stopped scraping at `end`.
  public static func lastScrape(
    of target: ArchiveTarget, in reader: ArchiveReader, upTo end: Int64 = .max
  ) -> [RecordedMetadata] {
    guard
      let good = reader.summaries(target: target.id).last(where: { !$0.isFailure && $0.timeMs <= end }),
      let frame = try? reader.frame(target: target.id, at: good.timeMs),
      let families = try? MetricFamily.parse(
        frame.body, format: ExpositionFormat(contentType: frame.contentType), strict: false)
    else { return [] }
    return families.compactMap { family in
      guard family.help != nil || family.unit != nil || family.type != .unknown else { return nil }
      return RecordedMetadata(
        metric: family.name, type: family.type, help: family.help ?? "", unit: family.unit ?? "")
    }
  }
}
