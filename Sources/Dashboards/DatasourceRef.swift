import Basics

/// Where a panel or target sends its queries: a legacy name (`"Prometheus"`, `"${datasource}"`,
/// `"-- Mixed --"`) or a Grafana 8+ reference `{"type": "prometheus", "uid": "..."}`.
public struct DatasourceRef: Hashable, Sendable {
  /// The plugin type when given (`prometheus`, `loki`, `datasource` for the built-ins).
  public var type: String?
  /// The uid, or the legacy name.
  public var uid: String?

  /// Creates the value from its parts.
  public init(type: String? = nil, uid: String? = nil) {
    self.type = type
    self.uid = uid
  }

  init?(json: JSONValue?) {
    guard let json else { return nil }
    switch json {
    case .string(let name): self.init(type: nil, uid: name)
    case .object:
      self.init(type: json["type"]?.string, uid: json["uid"]?.string)
    default: return nil
    }
  }

  /// `-- Mixed --`: every target names its own datasource.
  public var isMixed: Bool { uid == "-- Mixed --" || (type == "datasource" && uid == "-- Mixed --") }

  /// Why queries to this datasource are not PromQL, or nil when they are (or may be: a variable or
  /// a name we cannot look up is taken to be the Prometheus under test).
  public func notPrometheusReason(variables: [String: TemplateVariable]) -> String? {
    if let uid, uid == "-- Grafana --" || uid == "grafana" || uid == "-- Dashboard --" {
      return "datasource \(uid) is Grafana's own, not Prometheus"
    }
    if let type, type != "prometheus", type != "datasource" {
      return "datasource type \(type) is not Prometheus"
    }
    if let uid, let name = TemplateInterpolator.soleVariableName(uid), let variable = variables[name],
      variable.kind == .datasource, !variable.query.isEmpty, variable.query != "prometheus"
    {
      return "datasource variable $\(name) selects \(variable.query), not Prometheus"
    }
    return nil
  }
}
