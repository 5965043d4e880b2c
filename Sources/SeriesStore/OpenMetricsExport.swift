public import Archive
public import Exposition

/// Writes an archive as OpenMetrics with a timestamp on every sample, the input that
/// `promtool tsdb create-blocks-from openmetrics` turns into TSDB blocks (backfill).
///
/// Each frame becomes its samples with the target's labels (`job`, `instance`, extra labels), at
/// the frame's time unless the exposition gave its own timestamp, plus the series Prometheus
/// records for every scrape: `up`, `scrape_duration_seconds`, `scrape_samples_scraped`.
/// What backfill cannot carry: staleness markers (a series that vanishes, or a failed scrape,
/// simply stops; queries keep seeing its last value for the 5m lookback), and exemplars.
public struct OpenMetricsExport {
  /// Labels added to every target (`--label`), over the recorded ones.
  public var extraLabels: [Label] = []
  /// Only frames at or after this time (unix ms) are written.
  public var fromMs = Int64.min
  /// Only frames before this time (unix ms) are written.
  public var toMs = Int64.max

  /// An export of every frame with `extraLabels` on every target.
  public init(extraLabels: [Label] = []) { self.extraLabels = extraLabels }

  /// What an export wrote.
  public struct Report: Sendable, Hashable {
    /// Frames written (in the window).
    public var frames = 0
    /// Scraped samples written (the scrape series not counted).
    public var samples = 0
    /// Frames whose body could not be parsed (recorded as malformed); only `up` is written.
    public var unparsable = 0
  }

  /// Streams the export: `emit` is called with chunks of OpenMetrics text, ending with `# EOF`.
  public func export(
    _ reader: ArchiveReader, emit: ([UInt8]) throws -> Void
  ) throws -> Report {
    var report = Report()
    var cursor = reader.makeCursor()
    var labelers: [UInt32: TargetLabels] = [:]
    for target in reader.targets { labelers[target.id] = TargetLabels(target, extra: extraLabels) }
    while let frame = try cursor.next() {
      guard let labeler = labelers[frame.targetID], frame.timeMs >= fromMs, frame.timeMs < toMs else {
        continue
      }
      report.frames += 1
      var families: [MetricFamily] = []
      var scraped = 0
      var healthy = !frame.outcome.isFailure
      if healthy {
        let format = ExpositionFormat(contentType: frame.contentType)
        do {
          families = try MetricFamily.parse(frame.body, format: format, strict: false)
        } catch {
          healthy = false
          report.unparsable += 1
        }
      }
      if healthy {
        for i in families.indices {
          families[i].samples = families[i].samples.map { sample in
            scraped += 1
            var s = sample
            s.labels = labeler.apply(to: sample.labels)
            s.timestamp = sample.timestamp ?? frame.timeMs
            s.exemplar = nil
            return s
          }
        }
      } else {
        families = []
      }
      report.samples += scraped
      let base = labeler.labels
      families.append(
        MetricFamily(
          name: "up", type: .gauge,
          samples: [Sample(name: "up", labels: base, value: healthy ? 1 : 0, timestamp: frame.timeMs)]))
      families.append(
        MetricFamily(
          name: "scrape_duration_seconds", type: .gauge,
          samples: [
            Sample(
              name: "scrape_duration_seconds", labels: base, value: Double(frame.durationMicros) / 1e6,
              timestamp: frame.timeMs)
          ]))
      families.append(
        MetricFamily(
          name: "scrape_samples_scraped", type: .gauge,
          samples: [
            Sample(
              name: "scrape_samples_scraped", labels: base, value: Double(scraped), timestamp: frame.timeMs)
          ]))
      try emit(ExpositionWriter.write(families, format: .openMetrics, terminated: false))
    }
    try emit(Array("# EOF\n".utf8))
    return report
  }
}
