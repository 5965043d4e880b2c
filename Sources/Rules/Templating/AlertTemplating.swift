import Templates

/// Prometheus's alert templates for rule labels and annotations, through the `Templates` module.
enum AlertTemplating {
  static let expander = AlertTemplateExpander()

  /// A template's parse error as `rulefmt` reports it, or nil when it parses.
  static func parseError(alert: String, text: String) -> String? {
    guard text.contains("{{") else { return nil }
    do {
      try AlertTemplateExpander.check(text: text, alert: alert)
      return nil
    } catch {
      return error.message
    }
  }

  /// Expands `text` for one alert sample as Prometheus's alerting rule does; an error becomes
  /// `<error expanding template: ...>`, as in Prometheus. Text without actions is itself.
  static func expand(
    alert: String, text: String, labels: [String: String], value: Double, externalLabels: [String: String],
    externalURL: String, time: Int64,
    query: @escaping @Sendable (String) throws -> [(labels: [String: String], value: Double)]
  ) -> String {
    guard text.contains("{{") else { return text }
    return expander.expand(
      name: alert, text: text, labels: labels, value: value, externalLabels: externalLabels,
      externalURL: externalURL, timestamp: Double(time) / 1000,
      query: { expression in try query(expression).map { TemplateSample(labels: $0.labels, value: $0.value) }
      })
  }
}
