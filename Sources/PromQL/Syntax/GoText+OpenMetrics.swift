/// Float text as Prometheus writes it in label values.
public enum PrometheusFloatText {
  /// Prometheus's `FormatOpenMetricsFloat`: Go's shortest `%g`, with `.0` added to integers
  /// (`1` → `1.0`, `1e-05`, `+Inf`). Prometheus 3 rewrites `le` and `quantile` label values of
  /// histograms and summaries this way when it scrapes them.
  public static func openMetrics(_ value: Double) -> String {
    let text = goFormatFloatG(value)
    if value.isNaN || value.isInfinite || text.contains("e") || text.contains(".") { return text }
    return text + ".0"
  }

  /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`.
  public static func go(_ value: Double) -> String { goFormatFloatG(value) }
}

extension PrometheusFloatText {
  /// A sample value as Prometheus's HTTP API writes it (shortest decimal; exponent below 1e-6 and from 1e21).
  public static func apiValue(_ value: Double) -> String { Value.formatValue(value) }
}

/// Go's text forms that other modules print the way Prometheus does.
public enum GoSyntax {
  /// Go's `strconv.FormatFloat(v, 'E', -1, 64)`: `1.5E+00`, as promtool prints sample values.
  public static func formatFloatUpperE(_ value: Double) -> String { goFormatFloatE(value).uppercased() }
  /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`.
  public static func formatFloatG(_ value: Double) -> String { goFormatFloatG(value) }
}
