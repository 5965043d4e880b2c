/// Everything a recording needs to know before it starts.
public struct RecordingOptions: Sendable {
  /// Targets named on the command line.
  public var targets: [ScrapeTarget] = []
  /// file_sd JSON files (Ray's discovery file among them), re-read every interval.
  public var discoveryFiles: [String] = []
  public var intervalMs: Int64 = 5000
  public var timeoutMs: Int64 = 4000
  /// Stop after this long; nil records until stopped.
  public var durationMs: Int64?
  /// Labels added to every target (e.g. `ray_io_cluster`).
  public var extraLabels: [String: String] = [:]
  /// The `job` for targets that do not name one.
  public var job = "rayrec"
  /// Prometheus's `body_size_limit`: the most body bytes after gzip decoding; a scrape whose
  /// body passes it fails (`body size limit exceeded`) the moment it does, the connection is
  /// closed and the body read no further. `Int.max` for no limit.
  public var maxBodyBytes = 64 * 1024 * 1024
  /// Prometheus's `sample_limit` and label limits, checked once a body has arrived.
  public var limits = ScrapeLimits()
  /// The most bytes a failed scrape keeps of its body: the first ones, so the archive shows what
  /// the target sent without storing a whole oversized or endless body (64 KiB).
  public var failedBodyBytes = 64 * 1024
  /// The `Accept` header; nil sends Prometheus's (OpenMetrics first, then text 0.0.4).
  public var accept: String?
  /// Record only the targets of this shard (Prometheus's `hashmod` of `host:port`); nil for all.
  /// Applied to static targets and to every reading of the discovery files alike.
  public var shard: Shard?

  public init() {}
}

/// Counts shown on the live status line and returned at the end.
public struct RecordingStatus: Sendable, Hashable {
  public var targetsUp = 0
  public var targetsDown = 0
  public var frames = 0
  public var failedFrames = 0
  public var rawBytes = 0
  public var storedBytes = 0
  /// Scrapes skipped because the previous one of the same target was still running.
  public var skipped = 0
  /// The next scheduled scrape, unix ms.
  public var nextScrapeMs: Int64 = 0
  /// Targets whose latest scrape failed (`host:port`, with the path when not `/metrics`), sorted.
  public var downTargets: [String] = []
  /// Targets scraped that have never answered with a successful scrape, sorted.
  public var neverAnswered: [String] = []
  /// Why each target in ``downTargets`` is down: its latest failure, e.g.
  /// `bodyTooLarge: read response from 127.0.0.1:9100: body size limit exceeded: …`.
  public var downReasons: [String: String] = [:]
  /// Time since the recording started.
  public var elapsedMs: Int64 = 0
  /// Time until `--duration` ends it; nil when it runs until stopped.
  public var remainingMs: Int64?

  public init() {}

  /// Scrapes that succeeded.
  public var succeededFrames: Int { frames - failedFrames }

  /// `raw / stored`, the compression ratio so far.
  public var ratio: Double { storedBytes > 0 ? Double(rawBytes) / Double(storedBytes) : 0 }
}
