/// A stretch of time's samples, series by series: what the queue sends before it starts on the
/// next span. Every shard finishes a span before any begins the next, so shards never drift
/// further apart than one span: a receiver's head block (Prometheus, Mimir, Thanos: it accepts
/// samples up to an hour behind its newest) takes them in order even without an out-of-order
/// window.
public struct WriteSpan: Sendable {
  /// Each series' samples in the span, in time order; a series appears at most once.
  public var runs: [SeriesRun]
  /// How much of its source (0 to 1) is done once this span is sent: what the time left is
  /// estimated from, since a streamed source does not know its total in advance.
  public var sourceFraction: Double

  /// Creates the value from its parts.
  public init(runs: [SeriesRun], sourceFraction: Double) {
    self.runs = runs
    self.sourceFraction = sourceFraction
  }

  /// Samples in the span.
  public var sampleCount: Int { runs.reduce(0) { $0 + $1.timestamps.count } }
}

/// One series' samples within a span (slices of its arrays: no copy).
public struct SeriesRun: Sendable {
  /// The series' labels, encoded.
  public var labels: EncodedLabels
  /// Chooses the shard (key modulo the shard count): the same for every run of a series, so
  /// one shard sends all of it, in order.
  public var shardKey: UInt64
  /// Sample times, unix ms, ascending.
  public var timestamps: ArraySlice<Int64>
  /// Sample values, the staleness marker included.
  public var values: ArraySlice<Double>

  /// Creates the value from its parts.
  public init(
    labels: EncodedLabels, shardKey: UInt64, timestamps: ArraySlice<Int64>, values: ArraySlice<Double>
  ) {
    precondition(timestamps.count == values.count, "one value per timestamp")
    self.labels = labels
    self.shardKey = shardKey
    self.timestamps = timestamps
    self.values = values
  }
}
