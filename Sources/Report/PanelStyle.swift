import Basics
public import Dashboards

/// How a panel wants its values drawn, read from its JSON (`fieldConfig.defaults`, `options`,
/// and the legacy graph panel's `yaxes`, `stack`, `fill`, `thresholds`). What cannot be read is
/// listed in ``notes`` and left at Grafana's default.
public struct PanelStyle: Hashable, Sendable {
  /// One threshold step: from `value` (nil: the base step) upward, `color`.
  public struct Step: Hashable, Sendable {
    public var value: Double?
    public var color: String
  }

  public var format = ValueFormat()
  public var min: Double?
  public var max: Double?
  public var thresholds: [Step] = []
  /// Draw threshold lines on the chart (`thresholdsStyle` line or area, or legacy thresholds).
  public var thresholdLines = false
  public var stacked = false
  /// Fill under lines, 0...1.
  public var fillOpacity = 0.0
  public var lineWidth = 1.0
  /// The stat/gauge calculation (`reduceOptions.calcs[0]`), Grafana's default `lastNotNull`.
  public var reducer = Reducer.lastNotNull
  /// Whether the legend is shown.
  public var legend = true
  /// Per-series rules (``SeriesOverride``), in the panel's order: a later one wins.
  public var overrides: [SeriesOverride] = []
  /// What in the panel's JSON could not be used.
  public var notes: [String] = []

  /// Grafana's defaults.
  public init() {}

  /// The style of `panel`.
  public init(panel: Panel) {
    guard let json = panel.json else { return }
    let legacy = panel.type == "graph"
    if let fieldConfig = json["fieldConfig"], fieldConfig != .null {
      if case .object = fieldConfig {
        readDefaults(fieldConfig["defaults"])
      } else {
        notes.append("fieldConfig is not an object; defaults used")
      }
    }
    if legacy {
      readLegacy(json)
    } else {
      let custom = json["fieldConfig"]?["defaults"]?["custom"]
      if let mode = custom?["stacking"]?["mode"]?.string { stacked = mode == "normal" || mode == "percent" }
      if let opacity = custom?["fillOpacity"]?.number {
        fillOpacity = Swift.min(1, Swift.max(0, opacity / 100))
      }
      if let width = custom?["lineWidth"]?.number { lineWidth = Swift.min(10, Swift.max(0.5, width)) }
      if let mode = custom?["thresholdsStyle"]?["mode"]?.string { thresholdLines = mode != "off" }
      if let show = json["options"]?["legend"]?["showLegend"]?.bool { legend = show }
      if json["options"]?["legend"]?["displayMode"]?.string == "hidden" { legend = false }
    }
    let (overrides, overrideNotes) = SeriesOverride.read(panel: json, legacy: legacy)
    self.overrides = overrides
    notes += overrideNotes
    if let calcs = json["options"]?["reduceOptions"]?["calcs"] {
      if let name = calcs.array?.first?.string {
        if let reducer = Reducer(rawValue: name) {
          self.reducer = reducer
        } else {
          notes.append("calculation \"\(name)\" is not supported; lastNotNull used")
        }
      } else if calcs.array == nil {
        notes.append("options.reduceOptions.calcs is not a list; lastNotNull used")
      }
    }
  }

  mutating func readDefaults(_ defaults: JSONValue?) {
    guard let defaults, defaults != .null else { return }
    guard case .object = defaults else {
      notes.append("fieldConfig.defaults is not an object; defaults used")
      return
    }
    var unit = format.unit
    var decimals = format.decimals
    if let value = defaults["unit"] {
      if let text = value.string {
        unit = text
      } else {
        notes.append("fieldConfig unit is not a string; short used")
      }
    }
    if let value = defaults["decimals"], value != .null {
      if let n = value.int {
        decimals = n
      } else {
        notes.append("fieldConfig decimals is not a whole number; ignored")
      }
    }
    format = ValueFormat(unit: unit, decimals: decimals)
    min = number(defaults["min"], "min")
    max = number(defaults["max"], "max")
    if let value = defaults["thresholds"], value != .null {
      guard let steps = value["steps"]?.array else {
        notes.append("fieldConfig thresholds have no steps list; ignored")
        return
      }
      for step in steps.prefix(20) {
        let color = step["color"]?.string ?? "green"
        thresholds.append(Step(value: step["value"]?.number, color: Self.color(color)))
      }
    }
  }

  mutating func readLegacy(_ json: JSONValue) {
    if let axis = json["yaxes"]?.array?.first {
      if let unit = axis["format"]?.string {
        format = ValueFormat(unit: unit, decimals: axis["decimals"]?.int)
      }
      min = number(axis["min"], "yaxes min") ?? min
      max = number(axis["max"], "yaxes max") ?? max
    }
    if let decimals = json["decimals"]?.int { format.decimals = Swift.min(10, Swift.max(0, decimals)) }
    stacked = json["stack"]?.bool ?? false
    let fill = json["fill"]?.number ?? 1
    fillOpacity = Swift.min(1, Swift.max(0, fill / 10)) * (stacked ? 1 : 0.5)
    lineWidth = Swift.min(10, Swift.max(0.5, json["linewidth"]?.number ?? 1))
    legend = json["legend"]?["show"]?.bool ?? true
    for item in (json["thresholds"]?.array ?? []).prefix(10) {
      guard let value = item["value"]?.number else { continue }
      let mode = item["colorMode"]?.string ?? "critical"
      let color =
        item["lineColor"]?.string ?? (mode == "ok" ? "#73BF69" : mode == "warning" ? "#FADE2A" : "#F2495C")
      thresholds.append(Step(value: value, color: Self.color(color)))
      thresholdLines = true
    }
  }

  /// A number that dashboards write as a number or a numeric string (`"min": "0"`).
  mutating func number(_ value: JSONValue?, _ what: String) -> Double? {
    guard let value, value != .null else { return nil }
    if let n = value.number { return n.isFinite ? n : nil }
    if let s = value.string {
      if s.isEmpty { return nil }
      if let n = Double(s), n.isFinite { return n }
    }
    notes.append("\(what) is not a number; ignored")
    return nil
  }

  /// The step in effect for `value`: the last whose value is at most it.
  public func thresholdColor(_ value: Double) -> String? {
    var color: String?
    for step in thresholds {
      if let v = step.value, value < v { break }
      color = step.color
    }
    return color
  }

  /// Grafana's named colors (`green`, `semi-dark-red`, ...) as the hex it draws.
  static func color(_ name: String) -> String {
    let named: [String: String] = [
      "green": "#73BF69", "red": "#F2495C", "yellow": "#FADE2A", "orange": "#FF9830", "blue": "#5794F2",
      "purple": "#B877D9", "transparent": "transparent", "text": "currentColor",
    ]
    var base = name.lowercased()
    for prefix in ["semi-dark-", "dark-", "light-", "super-light-"] where base.hasPrefix(prefix) {
      base.removeFirst(prefix.count)
    }
    return named[base] ?? HTML.safeColor(name)
  }
}
