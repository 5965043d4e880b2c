/// Prometheus remote write 1.0's `prometheus.WriteRequest`: series with their samples, and
/// metric metadata. ``encoded()`` gives the protobuf bytes (before snappy), ``init(decoding:)``
/// reads them back.
public struct WriteRequest: Sendable, Equatable {
  /// Field 1: the series and their samples.
  public var timeseries: [TimeSeries]
  /// Field 3: metric metadata (Prometheus sends it in requests of its own).
  public var metadata: [MetricMetadata]

  /// Creates the value from its parts.
  public init(timeseries: [TimeSeries] = [], metadata: [MetricMetadata] = []) {
    self.timeseries = timeseries
    self.metadata = metadata
  }

  /// How many samples the request holds.
  public var sampleCount: Int { timeseries.reduce(0) { $0 + $1.samples.count } }
}
