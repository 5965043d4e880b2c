/// A mark drawn over a chart's lines: a horizontal line at a value (a threshold a test asked
/// for) or a vertical line at a time (the time a test asked about, its first violation).
public enum ChartMarker: Hashable, Sendable {
  /// A horizontal line at the value; the value axis grows to show it.
  case value(Double, label: String)
  /// A vertical line at the time (Unix ms); drawn only within the chart's range.
  case time(Int64, label: String)

  /// Threshold red, as Grafana draws a critical threshold.
  static let valueColor = "#F2495C"
  /// Grafana's blue, so a time mark does not read as a threshold.
  static let timeColor = "#5794F2"
}
