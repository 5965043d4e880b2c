public import Archive
public import PromQL

/// Series built from an archive the way Prometheus builds them from scrapes, queryable by the
/// PromQL engine. Immutable once built, so it can be shared freely.
///
/// Per frame: the target's labels (`job`, `instance`, extra labels; colliding scraped labels become
/// `exported_*`), sample time = frame time unless the exposition carries its own, `up`,
/// `scrape_duration_seconds`, `scrape_samples_scraped`, `scrape_samples_post_metric_relabeling`
/// and `scrape_series_added`, staleness markers when a series leaves a scrape, when a scrape
/// fails, and when a target stops being scraped before the recording ends. A second sample of
/// the same series in one scrape is dropped (the first wins), as are samples older than the
/// series' newest.
public final class SeriesStore: Storage {
  /// Every series, sorted by labels.
  public let series: [PromQL.Series]
  /// The recording's first and last frame times, unix ms.
  public let startMs: Int64
  public let endMs: Int64
  private let byName: [String: [Int]]
  /// How the load went: successful scrapes whose text was parsed, and those read token by token
  /// through the previous parse (``SeriesStoreOptions/reuseLayouts``).
  public let parsedScrapes: Int
  public let reusedScrapes: Int
  /// Successful scrapes whose skeleton changed, read line by line: only lines not in the
  /// target's last parse were parsed.
  public let lineReadScrapes: Int
  /// Frames that did not decode and were skipped (their scrapes are missing from the series, as
  /// if never taken); a reader warns with ``DamagedFrames/warning(path:)``.
  public let damagedFrames: DamagedFrames

  init(
    series unsorted: [PromQL.Series], startMs: Int64, endMs: Int64, parsedScrapes: Int = 0,
    reusedScrapes: Int = 0, lineReadScrapes: Int = 0, damagedFrames: DamagedFrames = DamagedFrames()
  ) {
    self.damagedFrames = damagedFrames
    self.lineReadScrapes = lineReadScrapes
    self.parsedScrapes = parsedScrapes
    self.reusedScrapes = reusedScrapes
    let sorted = unsorted.sorted { Labels.precedes($0.labels, $1.labels) }
    series = sorted
    self.startMs = startMs
    self.endMs = endMs
    var index: [String: [Int]] = [:]
    for (i, s) in sorted.enumerated() { index[s.labels.metricName ?? "", default: []].append(i) }
    byName = index
  }

  /// Reads every frame of `reader` into series, skipping frames that do not decode
  /// (``damagedFrames``) as `cat` and `repair` do.
  public convenience init(reader: ArchiveReader, options: SeriesStoreOptions = SeriesStoreOptions()) throws {
    var ingester = ScrapeIngester(reader: reader, options: options)
    ingester.ingestAll()
    let (series, start, end) = ingester.finish()
    self.init(
      series: series, startMs: start, endMs: end, parsedScrapes: ingester.parsedScrapes,
      reusedScrapes: ingester.reusedScrapes, lineReadScrapes: ingester.lineReadScrapes,
      damagedFrames: ingester.damaged)
  }

  /// Total samples held (staleness markers included).
  public var sampleCount: Int { series.reduce(0) { $0 + $1.timestamps.count } }

  public func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [PromQL.Series] {
    let candidates: [Int]
    if let byNameMatcher = matchers.first(where: {
      $0.name == LabelMatcher.metricNameLabel && $0.type == .equal
    }) {
      candidates = byName[byNameMatcher.value] ?? []
    } else {
      candidates = Array(series.indices)
    }
    var out: [PromQL.Series] = []
    for i in candidates {
      let s = series[i]
      guard PromQL.Series.labels(s.labels, match: matchers) else { continue }
      let lower = InMemoryStorage.firstIndex(in: s.timestamps) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: s.timestamps) { $0 > end }
      guard lower < upper else { continue }
      if lower == 0 && upper == s.timestamps.count {
        out.append(s)
      } else {
        out.append(
          PromQL.Series(
            labels: s.labels, timestamps: Array(s.timestamps[lower..<upper]),
            values: Array(s.values[lower..<upper])))
      }
    }
    return out
  }
}
