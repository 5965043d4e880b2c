import Basics

/// A dashboard template variable (`templating.list[]`), as written in the JSON.
public struct TemplateVariable: Hashable, Sendable {
  /// The variable types Grafana 8 to 11 write.
  public enum Kind: String, Hashable, Sendable {
    case query, custom, constant, interval, textbox, datasource, adhoc, other
  }

  /// The name used as `$name`.
  public var name: String
  /// The type.
  public var kind: Kind
  /// The query (`label_values(...)`, `query_result(...)`), the custom list `a, b`, the interval
  /// list `1m,5m`, the constant or textbox value, or the datasource plugin type.
  public var query: String
  /// Grafana's `regex` filter for query results (`/pattern/flags` or a bare pattern).
  public var regex: String?
  /// Whether several values may be selected.
  public var multi: Bool
  /// Whether there is an `All` option.
  public var includeAll: Bool
  /// What `All` stands for; nil means the regex of every value.
  public var allValue: String?
  /// The saved selection (`current.value`), `$__all` for All.
  public var current: [String]
  /// The saved options (custom and interval variables list them).
  public var options: [String]
  /// Grafana's `sort`: 0 none, 1/2 alphabetical asc/desc, 3/4 numerical, 5/6 case-insensitive,
  /// 7/8 natural.
  public var sort: Int
  /// Interval variables: whether an `auto` option exists, and its step count and minimum.
  public var auto: Bool
  public var autoCount: Int
  public var autoMin: String

  /// Creates the value from its parts.
  public init(
    name: String, kind: Kind, query: String = "", regex: String? = nil, multi: Bool = false,
    includeAll: Bool = false, allValue: String? = nil, current: [String] = [], options: [String] = [],
    sort: Int = 0, auto: Bool = false, autoCount: Int = 30, autoMin: String = "10s"
  ) {
    self.name = name
    self.kind = kind
    self.query = query
    self.regex = regex
    self.multi = multi
    self.includeAll = includeAll
    self.allValue = allValue
    self.current = current
    self.options = options
    self.sort = sort
    self.auto = auto
    self.autoCount = autoCount
    self.autoMin = autoMin
  }

  init(json: JSONValue) {
    let kind = Kind(rawValue: json["type"]?.string ?? "") ?? .other
    var query = json["query"]?.text ?? ""
    if let object = json["query"], case .object = object {
      // Grafana 10's query editor: {"query": "...", "refId": ...} or {"qryType": 1, "label": ..., "metric": ...}
      if let text = object["query"]?.string, !text.isEmpty {
        query = text
      } else if let label = object["label"]?.string {
        let metric = object["metric"]?.string ?? ""
        query = metric.isEmpty ? "label_values(\(label))" : "label_values(\(metric), \(label))"
      }
    }
    if query.isEmpty, let definition = json["definition"]?.string { query = definition }
    let regex = json["regex"]?.string
    let allValue = json["allValue"]?.string
    self.init(
      name: json["name"]?.string ?? "",
      kind: kind,
      query: query,
      regex: (regex?.isEmpty ?? true) ? nil : regex,
      multi: json["multi"]?.bool ?? false,
      includeAll: json["includeAll"]?.bool ?? false,
      allValue: (allValue?.isEmpty ?? true) ? nil : allValue,
      current: json["current"]?["value"]?.strings ?? [],
      options: json["options"]?.array?.compactMap { $0["value"]?.text } ?? [],
      sort: json["sort"]?.int ?? 0,
      auto: json["auto"]?.bool ?? false,
      autoCount: json["auto_count"]?.int ?? 30,
      autoMin: json["auto_min"]?.text ?? "10s")
  }
}
