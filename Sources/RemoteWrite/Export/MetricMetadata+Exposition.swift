public import Exposition

extension MetricMetadata.MetricType {
  /// The wire enum of an exposition type (untyped is `unknown`).
  public init(_ type: Exposition.MetricType) {
    switch type {
    case .counter: self = .counter
    case .gauge: self = .gauge
    case .histogram: self = .histogram
    case .gaugehistogram: self = .gaugeHistogram
    case .summary: self = .summary
    case .info: self = .info
    case .stateset: self = .stateset
    case .unknown: self = .unknown
    }
  }
}
