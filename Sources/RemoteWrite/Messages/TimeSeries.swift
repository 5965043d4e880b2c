public import PromQL

/// `prometheus.TimeSeries`: one series' labels (the metric name as `__name__`) and samples.
public struct TimeSeries: Sendable, Equatable {
  /// `prometheus.Sample`: a value at a time (unix milliseconds).
  public struct Sample: Sendable, Equatable, CustomStringConvertible {
    /// The value; the staleness marker is ``StaleMarker/value``.
    public var value: Double
    /// Unix milliseconds.
    public var timestamp: Int64

    /// Creates the value from its parts.
    public init(value: Double, timestamp: Int64) {
      self.value = value
      self.timestamp = timestamp
    }

    /// Equal bits: a NaN equals the same NaN, and the staleness marker only itself.
    public static func == (lhs: Sample, rhs: Sample) -> Bool {
      lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
    }

    /// `value@timestamp`, `stale@timestamp` for the marker.
    public var description: String {
      "\(StaleMarker.isStale(value) ? "stale" : "\(value)")@\(timestamp)"
    }
  }

  /// Field 1: labels sorted by name (byte order), names unique, as the specification requires.
  public var labels: [Label]
  /// Field 2: samples in time order.
  public var samples: [Sample]

  /// Creates the value from its parts.
  public init(labels: [Label], samples: [Sample]) {
    self.labels = labels
    self.samples = samples
  }
}
