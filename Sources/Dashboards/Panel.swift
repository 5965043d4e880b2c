public import Basics
import Foundation

/// A panel that queries data, found anywhere in the dashboard (also inside collapsed rows).
public struct Panel: Hashable, Sendable, CustomStringConvertible {
  /// The panel id (unique within a dashboard, though not every generator keeps it so).
  public var id: Int?
  /// The title as written (may contain variables).
  public var title: String
  /// `timeseries`, `graph`, `stat`, `gauge`, `table`, `bargauge`, ...
  public var type: String
  /// The title of the row it sits in, if any.
  public var row: String?
  /// Width in grid columns (of 24) and height in grid rows.
  public var width: Int
  public var height: Int
  /// The panel's datasource.
  public var datasource: DatasourceRef?
  /// The panel's "Min interval" (`interval`), possibly a variable.
  public var minInterval: String
  /// `maxDataPoints` when set; otherwise Grafana uses the panel's width in pixels.
  public var maxDataPoints: Int?
  /// The variable the panel repeats over, if any.
  public var repeatVariable: String?
  /// The uid of the library panel it stands for (its queries live in Grafana, not the JSON).
  public var libraryPanel: String?
  /// The queries.
  public var targets: [PanelTarget]
  /// The dashboard it came from (its title), for messages.
  public var dashboard: String
  /// Grafana's panel time overrides: `timeFrom` ("1h": the last hour up to the dashboard's end)
  /// and `timeShift` ("30m": the whole range moved back), possibly variables.
  public var timeFrom: String?
  public var timeShift: String?
  /// The dashboard's template variables, so a panel can be evaluated on its own.
  public var dashboardVariables: [TemplateVariable] = []
  /// The grid position (`gridPos.x`, `gridPos.y`), when the dashboard gives one (legacy rows do not).
  public var gridX: Int?
  public var gridY: Int?
  /// The panel's JSON as written, for renderers that read `fieldConfig`, `options`, `yaxes`, ...
  public var json: JSONValue?

  /// Creates the value from its parts.
  public init(
    id: Int? = nil, title: String, type: String = "timeseries", row: String? = nil, width: Int = 12,
    height: Int = 8, datasource: DatasourceRef? = nil, minInterval: String = "", maxDataPoints: Int? = nil,
    repeatVariable: String? = nil, libraryPanel: String? = nil, targets: [PanelTarget], dashboard: String = ""
  ) {
    self.id = id
    self.title = title
    self.type = type
    self.row = row
    self.width = width
    self.height = height
    self.datasource = datasource
    self.minInterval = minInterval
    self.maxDataPoints = maxDataPoints
    self.repeatVariable = repeatVariable
    self.libraryPanel = libraryPanel
    self.targets = targets
    self.dashboard = dashboard
  }

  init(json: JSONValue, row: String?, dashboard: String) {
    let repeated = json["repeat"]?.string
    self.init(
      id: json["id"]?.int,
      title: json["title"]?.string ?? "",
      type: json["type"]?.string ?? "graph",
      row: row,
      width: json["gridPos"]?["w"]?.int ?? 12,
      height: json["gridPos"]?["h"]?.int ?? 8,
      datasource: DatasourceRef(json: json["datasource"]),
      minInterval: json["interval"]?.text ?? "",
      maxDataPoints: json["maxDataPoints"]?.int,
      repeatVariable: (repeated?.isEmpty ?? true) ? nil : repeated,
      libraryPanel: json["libraryPanel"]?["uid"]?.string,
      targets: (json["targets"]?.array ?? []).enumerated().map {
        PanelTarget(json: $0.element, index: $0.offset)
      },
      dashboard: dashboard)
    let from = json["timeFrom"]?.text
    let shift = json["timeShift"]?.text
    timeFrom = (from?.isEmpty ?? true) ? nil : from
    timeShift = (shift?.isEmpty ?? true) ? nil : shift
    gridX = json["gridPos"]?["x"]?.int
    gridY = json["gridPos"]?["y"]?.int
    self.json = json
  }

  /// `Title` or `Row / Title`, for listings.
  public var description: String {
    let name = title.isEmpty ? "panel \(id.map(String.init) ?? "?")" : title
    return row.map { "\($0) / \(name)" } ?? name
  }

  /// The targets Grafana runs: not hidden, with an expression.
  public var activeTargets: [PanelTarget] {
    targets.filter { !$0.hide && !$0.expr.trimmingCharacters(in: .whitespaces).isEmpty }
  }
}
