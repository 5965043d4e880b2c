public import PromQL

/// A query variable's query for the Prometheus datasource: `label_values(label)`,
/// `label_values(selector, label)`, `label_names()`, `metrics(regex)`, `query_result(expr)`, or a
/// bare series selector (Grafana lists the matching series).
public enum VariableQuery: Hashable, Sendable {
  case labelValues(selector: String?, label: String)
  case labelNames(selector: String?)
  case metrics(regex: String)
  case queryResult(expr: String)
  case series(selector: String)

  /// Recognises the query forms Grafana's Prometheus datasource knows.
  public init(_ text: String) {
    let query = text.trimmingCharactersInSet(" \t\n")
    if let args = VariableQuery.arguments(query, function: "label_values") {
      if let comma = VariableQuery.lastTopLevelComma(args) {
        let selector = String(args[..<comma]).trimmingCharactersInSet(" \t\n")
        let label = String(args[args.index(after: comma)...]).trimmingCharactersInSet(" \t\n")
        self = .labelValues(selector: selector.isEmpty ? nil : selector, label: label)
      } else {
        self = .labelValues(selector: nil, label: args.trimmingCharactersInSet(" \t\n"))
      }
    } else if let args = VariableQuery.arguments(query, function: "label_names") {
      let selector = args.trimmingCharactersInSet(" \t\n")
      self = .labelNames(selector: selector.isEmpty ? nil : selector)
    } else if let args = VariableQuery.arguments(query, function: "metrics") {
      self = .metrics(regex: args.trimmingCharactersInSet(" \t\n"))
    } else if let args = VariableQuery.arguments(query, function: "query_result") {
      self = .queryResult(expr: args)
    } else {
      self = .series(selector: query)
    }
  }

  /// The text between `function(` and the final `)`, or nil when `text` is not such a call.
  static func arguments(_ text: String, function: String) -> String? {
    guard text.hasPrefix(function) else { return nil }
    let rest = text.dropFirst(function.count).drop { $0 == " " }
    guard rest.first == "(", rest.last == ")" else { return nil }
    return String(rest.dropFirst().dropLast())
  }

  /// The last comma outside braces, parentheses and quotes.
  static func lastTopLevelComma(_ text: String) -> String.Index? {
    var depth = 0
    var quote: Character?
    var escaped = false
    var found: String.Index?
    for index in text.indices {
      let c = text[index]
      if let q = quote {
        if escaped {
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == q {
          quote = nil
        }
        continue
      }
      switch c {
      case "\"", "'", "`": quote = c
      case "{", "(", "[": depth += 1
      case "}", ")", "]": depth -= 1
      case "," where depth == 0: found = index
      default: break
      }
    }
    return found
  }

  /// Runs the query against `service` for the window `from...to` (unix ms): the option values,
  /// in the order the Prometheus API would list them.
  public func run(
    service: any QueryService, from: Int64, to: Int64, parserOptions: ParserOptions = ParserOptions()
  ) throws -> [String] {
    switch self {
    case .labelValues(let selector, let label):
      let series = try VariableQuery.select(selector, service: service, from: from, to: to)
      return Set(series.compactMap { $0[label] }.filter { !$0.isEmpty }).sorted()
    case .labelNames(let selector):
      let series = try VariableQuery.select(selector, service: service, from: from, to: to)
      return Set(series.flatMap { $0.map(\.name) }).subtracting([LabelMatcher.metricNameLabel]).sorted()
    case .metrics(let regex):
      let matcher = try LabelMatcher(
        .regexMatch, name: LabelMatcher.metricNameLabel, value: regex.isEmpty ? ".*" : regex)
      let series = try service.series(matching: [matcher], start: from, end: to)
      return Set(series.compactMap { $0.metricName }).sorted()
    case .series(let selector):
      let series = try VariableQuery.select(selector, service: service, from: from, to: to)
      return Set(series.map { VariableQuery.seriesText($0) }).sorted()
    case .queryResult(let text):
      let expr = try Parser.parse(text, options: parserOptions)
      switch try service.instantQuery(expr, at: to) {
      case .scalar(let v): return [PrometheusFloatText.apiValue(v)]
      case .string(let s): return [s]
      case .vector(let samples):
        return samples.map {
          VariableQuery.seriesText($0.labels) + " " + PrometheusFloatText.apiValue($0.value)
            + " \($0.timestamp)"
        }
      case .matrix:
        throw EvaluationError("query_result needs an instant vector or scalar, not a range vector")
      }
    }
  }

  /// Runs the query over a recording's `engine`, in-process.
  public func run(engine: Engine, from: Int64, to: Int64, parserOptions: ParserOptions = ParserOptions())
    throws -> [String]
  {
    try run(service: engine, from: from, to: to, parserOptions: parserOptions)
  }

  /// `name{a="1",b="2"}`: how Grafana shows a series in a variable's options.
  static func seriesText(_ labels: Labels) -> String {
    let inner = labels.filter { $0.name != LabelMatcher.metricNameLabel }.map { "\($0.name)=\"\($0.value)\"" }
    return (labels.metricName ?? "") + "{" + inner.joined(separator: ",") + "}"
  }

  static func select(_ selector: String?, service: any QueryService, from: Int64, to: Int64) throws
    -> [Labels]
  {
    guard let selector else {
      let any = try LabelMatcher(.regexMatch, name: LabelMatcher.metricNameLabel, value: ".+")
      return try service.series(matching: [any], start: from, end: to)
    }
    // `metric{}` is valid for Grafana; Prometheus's selector parser rejects an empty `{}` only
    // without a name, so this parses as written.
    let matchers = try Parser.parseMetricSelector(selector)
    return try service.series(matching: matchers, start: from, end: to)
  }
}
