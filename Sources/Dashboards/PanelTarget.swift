import Basics

/// One query of a panel (`targets[]`).
public struct PanelTarget: Hashable, Sendable {
  /// `A`, `B`, ...
  public var refId: String
  /// The PromQL expression as written (variables not yet replaced).
  public var expr: String
  /// The legend template (`{{State}}`).
  public var legendFormat: String
  /// Hidden targets are not run.
  public var hide: Bool
  /// Run as an instant query (at the end of the range).
  public var instant: Bool
  /// Run as a range query; Grafana 10 writes both flags, older dashboards only `instant`.
  public var range: Bool
  /// The "Min step" (`interval`), possibly a variable.
  public var interval: String
  /// The resolution divisor (`intervalFactor`, legacy).
  public var intervalFactor: Int
  /// The target's own datasource (mixed panels), if any.
  public var datasource: DatasourceRef?

  /// Creates the value from its parts.
  public init(
    refId: String, expr: String, legendFormat: String = "", hide: Bool = false, instant: Bool = false,
    range: Bool = true, interval: String = "", intervalFactor: Int = 1, datasource: DatasourceRef? = nil
  ) {
    self.refId = refId
    self.expr = expr
    self.legendFormat = legendFormat
    self.hide = hide
    self.instant = instant
    self.range = range
    self.interval = interval
    self.intervalFactor = intervalFactor
    self.datasource = datasource
  }

  init(json: JSONValue, index: Int) {
    let instant = json["instant"]?.bool ?? false
    self.init(
      refId: json["refId"]?.string ?? String(Character(Unicode.Scalar(UInt8(65 + index % 26)))),
      expr: json["expr"]?.string ?? json["expression"]?.string ?? "",
      legendFormat: json["legendFormat"]?.string ?? "",
      hide: json["hide"]?.bool ?? false,
      instant: instant,
      range: json["range"]?.bool ?? !instant,
      interval: json["interval"]?.text ?? "",
      intervalFactor: max(1, json["intervalFactor"]?.int ?? 1),
      datasource: DatasourceRef(json: json["datasource"]))
  }
}
