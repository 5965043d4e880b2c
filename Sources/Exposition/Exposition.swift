/// Prometheus text 0.0.4 and OpenMetrics 1.0 exposition formats.
public enum ExpositionFormat: String, Sendable, Hashable, CaseIterable {
  case text
  case openMetrics = "openmetrics"
}
