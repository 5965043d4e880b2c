import Basics
import Foundation

/// A Grafana dashboard (JSON model of Grafana 8 to 11): its variables and its query panels.
public struct Dashboard: Hashable, Sendable {
  /// The title.
  public var title: String
  /// The uid, if any.
  public var uid: String?
  /// The file it was read from, or `<memory>`.
  public var path: String
  /// Template variables in the order the dashboard lists them.
  public var variables: [TemplateVariable]
  /// Every panel with queries, in layout order, rows opened (collapsed rows keep their panels in
  /// the row's own `panels`); rows, text and other query-less panels are left out.
  public var panels: [Panel]
  /// Query-less panels (text, news, ...) and row headers are counted, not kept.
  public var panelsWithoutQueries: Int

  /// Creates the value from its parts.
  public init(
    title: String, uid: String? = nil, path: String = "<memory>", variables: [TemplateVariable] = [],
    panels: [Panel], panelsWithoutQueries: Int = 0
  ) {
    self.title = title
    self.uid = uid
    self.path = path
    self.variables = variables
    self.panels = panels
    self.panelsWithoutQueries = panelsWithoutQueries
  }

  /// Reads a dashboard file: the dashboard JSON itself, or Grafana's API form `{"dashboard": {...}}`.
  public static func load(_ path: String) throws(DashboardError) -> Dashboard {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
      throw DashboardError(path: path, message: reason)
    }
    return try parse(Array(data), path: path)
  }

  /// Parses dashboard JSON; `path` names it in errors.
  public static func parse(_ bytes: [UInt8], path: String = "<memory>") throws(DashboardError) -> Dashboard {
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw DashboardError(path: path, message: error.description)
    }
    return try Dashboard(json: json, path: path)
  }

  /// Parses dashboard JSON text.
  public static func parse(_ text: String, path: String = "<memory>") throws(DashboardError) -> Dashboard {
    try parse(Array(text.utf8), path: path)
  }

  init(json document: JSONValue, path: String) throws(DashboardError) {
    var json = document
    if let inner = document["dashboard"], case .object = inner { json = inner }
    guard case .object = json else {
      throw DashboardError(path: path, message: "not a dashboard: the top level is not a JSON object")
    }
    let title = json["title"]?.string ?? ""
    let panelList = json["panels"]?.array ?? []
    let legacyRows = json["rows"]?.array ?? []
    guard json["panels"] != nil || json["rows"] != nil else {
      throw DashboardError(path: path, message: "not a dashboard: no \"panels\" (or legacy \"rows\") member")
    }
    if let panels = json["panels"], panels.array == nil {
      throw DashboardError(path: path, message: "\"panels\" is not an array")
    }
    var walker = PanelWalker(dashboard: title)
    walker.walk(panelList, row: nil)
    // Schema before 16 (Grafana 4): rows with their own panels.
    for row in legacyRows {
      let rowTitle = row["title"]?.string
      walker.walk(row["panels"]?.array ?? [], row: (rowTitle?.isEmpty ?? true) ? nil : rowTitle)
    }
    var variables: [TemplateVariable] = []
    for (index, item) in (json["templating"]?["list"]?.array ?? []).enumerated() {
      let variable = TemplateVariable(json: item)
      guard !variable.name.isEmpty else {
        throw DashboardError(path: path, message: "templating.list[\(index)] has no name")
      }
      variables.append(variable)
    }
    let panels = walker.panels.map { panel in
      var copy = panel
      copy.dashboardVariables = variables
      return copy
    }
    self.init(
      title: title, uid: json["uid"]?.string, path: path, variables: variables, panels: panels,
      panelsWithoutQueries: walker.withoutQueries)
  }

  /// The variable named `name`.
  public func variable(_ name: String) -> TemplateVariable? { variables.first { $0.name == name } }
}

/// Flattens rows (open ones, whose panels follow them, and collapsed ones, which nest them).
struct PanelWalker {
  let dashboard: String
  var panels: [Panel] = []
  var withoutQueries = 0

  mutating func walk(_ list: [JSONValue], row: String?) {
    var currentRow = row
    for item in list {
      let type = item["type"]?.string ?? ""
      if type == "row" {
        let title = item["title"]?.string ?? ""
        currentRow = title.isEmpty ? nil : title
        withoutQueries += 1
        walk(item["panels"]?.array ?? [], row: currentRow)
        continue
      }
      // Grafana 5-era nested panels (e.g. inside a "dashlist"/"row" variant) are rare; keep going.
      let panel = Panel(json: item, row: currentRow, dashboard: dashboard)
      if panel.targets.isEmpty && panel.libraryPanel == nil {
        withoutQueries += 1
      } else {
        panels.append(panel)
      }
    }
  }
}
