/// `prometheus.MetricMetadata`: a metric family's type, help and unit, as remote write 1.0
/// carries them (field 3 of a ``WriteRequest``).
public struct MetricMetadata: Sendable, Hashable {
  /// `MetricMetadata.MetricType`, numbered as in Prometheus's `types.proto`.
  public enum MetricType: Int, Sendable, Hashable, CaseIterable {
    case unknown = 0
    case counter = 1
    case gauge = 2
    case histogram = 3
    case gaugeHistogram = 4
    case summary = 5
    case info = 6
    case stateset = 7
  }

  /// Field 1.
  public var type: MetricType
  /// Field 2: the family name (`metric_family_name`).
  public var familyName: String
  /// Field 4.
  public var help: String
  /// Field 5.
  public var unit: String

  /// Creates the value from its parts.
  public init(type: MetricType, familyName: String, help: String = "", unit: String = "") {
    self.type = type
    self.familyName = familyName
    self.help = help
    self.unit = unit
  }
}
