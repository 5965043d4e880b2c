/// How the queue sends: Prometheus's `queue_config` settings that make sense for a one-off push.
public struct QueueOptions: Sendable, Equatable {
  /// Requests in flight at once; a series always goes through the same shard.
  public var shards = 4
  /// The most samples in one request (Prometheus's `max_samples_per_send`, 2000 since 2.47).
  public var batchSize = 2000
  /// The most metadata entries in one request (Prometheus's `metadata_config.max_samples_per_send`).
  public var metadataBatchSize = 500
  /// Attempts after the first for one request before the export gives up (Prometheus retries
  /// forever; a command must end).
  public var maxRetries = 10
  /// The first backoff after a failed attempt; each next one doubles, up to ``maxBackoff``
  /// (Prometheus's `min_backoff` 30ms, `max_backoff` 5s).
  public var minBackoff: Duration = .milliseconds(30)
  /// The longest backoff; a server's `Retry-After` may ask for longer and is honoured.
  public var maxBackoff: Duration = .seconds(5)

  /// Prometheus's defaults, 4 shards.
  public init() {}
}
