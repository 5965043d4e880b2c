import Basics

/// Expands alert label and annotation templates as Prometheus's rules/alerting.go does.
public struct AlertTemplateExpander: Sendable {
  /// The definitions Prometheus puts before every alert template (no newline, so line numbers
  /// in errors are the user's own; columns on line 1 include this prefix, as in Prometheus).
  public static let definitions =
    "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

  /// Extra functions added to (and overriding) Prometheus's, like `Expander.Funcs`.
  public var extraFunctions: [String: TemplateFunction]
  /// Execution limits; missing keys always use `missingkey=zero`, as Prometheus does.
  public var options: TemplateOptions

  /// Makes an expander.
  public init(extraFunctions: [String: TemplateFunction] = [:], options: TemplateOptions = TemplateOptions())
  {
    self.extraFunctions = extraFunctions
    self.options = options
    self.options.missingKey = .zero
  }

  /// The template name Prometheus uses for an alerting rule.
  public static func templateName(alert: String) -> String { "__alert_" + alert }

  /// The data an alert template sees: Prometheus's `AlertTemplateData` struct.
  public static func data(
    labels: [String: String], externalLabels: [String: String], externalURL: String, value: Double
  ) -> TemplateValue {
    .record(
      TemplateRecord(
        typeName:
          "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }",
        fields: [
          .init(name: "Labels", value: .stringMap(labels)),
          .init(name: "ExternalLabels", value: .stringMap(externalLabels)),
          .init(name: "ExternalURL", value: .string(externalURL)),
          .init(name: "Value", value: .float(value)),
        ]))
  }

  /// Expands one label or annotation value for an alert. On failure the result is the text
  /// Prometheus stores (after logging a warning): `<error expanding template: ...>`.
  public func expand(
    name: String, text: String, labels: [String: String], value: Double, externalLabels: [String: String],
    externalURL: String, timestamp: Double, query: TemplateQuery?
  ) -> String {
    do {
      return try expandOrThrow(
        name: name, text: text, labels: labels, value: value, externalLabels: externalLabels,
        externalURL: externalURL, timestamp: timestamp, query: query)
    } catch {
      return "<error expanding template: \(error.message)>"
    }
  }

  /// Like `expand`, but throws the error (its message is what Prometheus wraps in
  /// `<error expanding template: ...>`: `error parsing template NAME: ...` or
  /// `error executing template NAME: ...`).
  public func expandOrThrow(
    name: String, text: String, labels: [String: String], value: Double, externalLabels: [String: String],
    externalURL: String, timestamp: Double, query: TemplateQuery?
  ) throws(TemplateError) -> String {
    let templateName = Self.templateName(alert: name)
    var functions = PrometheusFunctions.functions(
      query: query, externalURL: externalURL, timestamp: timestamp)
    for (key, function) in extraFunctions { functions[key] = function }
    let template: Template
    do {
      template = try Template(name: templateName, text: Self.definitions + text, functions: functions)
    } catch {
      throw TemplateError(kind: .parse, message: "error parsing template \(templateName): \(error.message)")
    }
    let data = Self.data(
      labels: labels, externalLabels: externalLabels, externalURL: externalURL, value: value)
    do {
      return try template.execute(data, options: options)
    } catch {
      throw TemplateError(
        kind: .execution, message: "error executing template \(templateName): \(error.message)")
    }
  }

  /// Parses an alert template without running it, as `promtool check rules` does (Prometheus's
  /// `ParseTest`); the error is Go's parse error, e.g. `template: __alert_A:1: unexpected "}" in operand`.
  public static func check(text: String, alert: String = "") throws(TemplateError) {
    let functions = PrometheusFunctions.functions(query: nil, externalURL: "", timestamp: 0)
    _ = try Template(name: templateName(alert: alert), text: definitions + text, functions: functions)
  }

  /// Checks every label and annotation template of an alerting rule; returns rulefmt's messages
  /// (`label "k": ...`, `annotation "k": ...`), labels first, each sorted by key. Callers prefix
  /// them with `group "G", rule N, "ALERT": `.
  public static func checkRule(alert: String, labels: [String: String], annotations: [String: String])
    -> [String]
  {
    var messages: [String] = []
    for (kind, entries) in [("label", labels), ("annotation", annotations)] {
      for key in entries.keys.sorted(by: goLess) {
        do {
          try check(text: entries[key] ?? "", alert: alert)
        } catch {
          messages.append("\(kind) \(GoQuote.quote(key)): \(error.message)")
        }
      }
    }
    return messages
  }
}
