public import Exposition

/// How recorded scrapes become series.
public struct SeriesStoreOptions: Sendable {
  /// Labels added to every target (a user's `--label ray_io_cluster=...`), over the recorded ones.
  public var extraLabels: [Label] = []
  /// Prometheus 3 rewrites `le` and `quantile` values of histograms and summaries into canonical
  /// float text (`le="1"` → `le="1.0"`); Prometheus 2 keeps them as written.
  public var normalizeBucketLabels = true
  /// Write staleness markers when a series leaves a scrape, a scrape fails, or a target leaves.
  public var staleness = true
  /// Read a body whose skeleton (its text without value tokens) equals the target's last parsed
  /// one token by token, through what that parse found, instead of parsing its text again. The
  /// series are the same either way (a test compares them bit for bit over every shipped
  /// recording); off, every body is parsed, as the reference.
  public var reuseLayouts = true
  /// Decode the next frames on a thread of their own while this one's samples are ingested
  /// (``DecodedFrames``); off, one thread does both in turn (for comparison: the series are the
  /// same).
  public var overlapDecoding = true

  public init() {}

  /// Prometheus 2.x behaviour where it differs (see ``normalizeBucketLabels``).
  public static var prometheus2: SeriesStoreOptions {
    var options = SeriesStoreOptions()
    options.normalizeBucketLabels = false
    return options
  }
}
