public import Basics
import Foundation

/// A per-series rule of a panel: Grafana's field overrides (`fieldConfig.overrides`: a matcher
/// and properties) and the legacy graph panel's `seriesOverrides` (an alias, plain or `/regex/`,
/// and its settings), read into one shape: which series it applies to and what it changes.
///
/// Matchers read: `byName` (the series' display name), `byRegexp` (a regular expression over it,
/// anchored as Grafana anchors it), `byFrameRefID` (the query's refId). Properties read:
/// `displayName`, `color` (fixed), `unit`, `decimals`, `custom.lineWidth`, `custom.fillOpacity`,
/// `custom.transform` (`negative-Y`), `custom.hideFrom` (`viz`, `legend`). What else an override
/// says is listed in ``notes``.
public struct SeriesOverride: Hashable, Sendable {
  /// Which series the override applies to.
  public enum Matcher: Hashable, Sendable {
    case name(String)
    case pattern(String)
    case refID(String)
  }

  public var matcher: Matcher
  public var displayName: String?
  public var color: String?
  public var unit: String?
  public var decimals: Int?
  public var lineWidth: Double?
  /// 0...1.
  public var fillOpacity: Double?
  /// Draw the series below the axis (`negative-Y`): its values negated, as Grafana draws them.
  public var negativeY = false
  /// Not drawn on the chart.
  public var hiddenFromChart = false
  /// Not listed in the legend.
  public var hiddenFromLegend = false

  /// Whether the override applies to a series named `name` from query `refID`.
  public func applies(name: String, refID: String) -> Bool { test()(name, refID) }

  /// The matcher as a test of (series name, refId), its pattern compiled once, for a panel's many
  /// series. A pattern that does not compile matches nothing (``read(panel:legacy:)`` says so).
  public func test() -> @Sendable (String, String) -> Bool {
    switch matcher {
    case .name(let wanted): return { name, _ in name == wanted }
    case .refID(let wanted): return { _, refID in refID == wanted }
    case .pattern(let pattern):
      guard let regex = Self.regex(pattern) else { return { _, _ in false } }
      return { name, _ in
        regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
      }
    }
  }

  /// `pattern` anchored as Grafana anchors a field matcher's; nil when it does not compile.
  static func regex(_ pattern: String) -> NSRegularExpression? {
    try? NSRegularExpression(pattern: "^(?:\(pattern))$")
  }

  /// The overrides of a panel's JSON, with notes on what could not be used.
  public static func read(panel json: JSONValue, legacy: Bool) -> (
    overrides: [SeriesOverride], notes: [String]
  ) {
    var overrides: [SeriesOverride] = []
    var notes: [String] = []
    if let list = json["fieldConfig"]?["overrides"], list != .null {
      guard let items = list.array else { return ([], ["fieldConfig.overrides is not a list; ignored"]) }
      for (index, item) in items.enumerated() {
        switch field(item) {
        case .success(let (override, unread)):
          overrides.append(override)
          if case .pattern(let pattern) = override.matcher, regex(pattern) == nil {
            notes.append("override \(index + 1): pattern \(pattern) does not compile; it matches nothing")
          }
          notes += unread.map { "override \(index + 1): \($0) is not drawn" }
        case .failure(let problem): notes.append("override \(index + 1): \(problem.message); ignored")
        }
      }
    }
    if legacy, let list = json["seriesOverrides"], list != .null {
      guard let items = list.array else {
        return (overrides, notes + ["seriesOverrides is not a list; ignored"])
      }
      for (index, item) in items.enumerated() {
        guard let alias = item["alias"]?.string, !alias.isEmpty else {
          notes.append("series override \(index + 1) has no alias; ignored")
          continue
        }
        overrides.append(legacyOverride(item, alias: alias))
      }
    }
    return (overrides, notes)
  }

  struct Problem: Error {
    var message: String
  }

  /// One `fieldConfig.overrides` entry, and the property ids it has that are not drawn.
  static func field(_ item: JSONValue) -> Result<(SeriesOverride, [String]), Problem> {
    guard let id = item["matcher"]?["id"]?.string else { return .failure(Problem(message: "no matcher id")) }
    let options = item["matcher"]?["options"]
    let matcher: Matcher
    switch id {
    case "byName":
      guard let name = options?.text else { return .failure(Problem(message: "byName without a name")) }
      matcher = .name(name)
    case "byRegexp":
      guard let pattern = options?.string else {
        return .failure(Problem(message: "byRegexp without a pattern"))
      }
      matcher = .pattern(
        pattern.count > 2 && pattern.hasPrefix("/") && pattern.hasSuffix("/")
          ? String(pattern.dropFirst().dropLast()) : pattern)
    case "byFrameRefID":
      guard let refID = options?.string else {
        return .failure(Problem(message: "byFrameRefID without a refId"))
      }
      matcher = .refID(refID)
    default:
      return .failure(Problem(message: "matcher \(id) is not supported"))
    }
    var override = SeriesOverride(matcher: matcher)
    var unread: [String] = []
    for property in item["properties"]?.array ?? [] {
      guard let name = property["id"]?.string else { continue }
      let value = property["value"]
      switch name {
      case "displayName", "displayNameFromDS": override.displayName = value?.text
      case "color":
        if value?["mode"]?.string == "fixed", let color = value?["fixedColor"]?.string {
          override.color = PanelStyle.color(color)
        } else {
          unread.append("color mode \(value?["mode"]?.string ?? "?")")
        }
      case "unit": override.unit = value?.string
      case "decimals": override.decimals = value?.int
      case "custom.lineWidth": override.lineWidth = value?.number.map { Swift.min(10, Swift.max(0.5, $0)) }
      case "custom.fillOpacity":
        override.fillOpacity = value?.number.map { Swift.min(1, Swift.max(0, $0 / 100)) }
      case "custom.transform": override.negativeY = value?.string == "negative-Y"
      case "custom.hideFrom":
        override.hiddenFromChart = value?["viz"]?.bool ?? false
        override.hiddenFromLegend = value?["legend"]?.bool ?? false
      default: unread.append(name)
      }
    }
    return .success((override, unread))
  }

  /// One legacy `seriesOverrides` entry.
  static func legacyOverride(_ item: JSONValue, alias: String) -> SeriesOverride {
    let matcher: Matcher =
      alias.count > 2 && alias.hasPrefix("/") && alias.hasSuffix("/")
      ? .pattern(".*(?:" + String(alias.dropFirst().dropLast()) + ").*") : .name(alias)
    var override = SeriesOverride(matcher: matcher)
    if let color = item["color"]?.string { override.color = PanelStyle.color(color) }
    if let width = item["linewidth"]?.number { override.lineWidth = Swift.min(10, Swift.max(0.5, width)) }
    if let fill = item["fill"]?.number { override.fillOpacity = Swift.min(1, Swift.max(0, fill / 10)) }
    override.negativeY = item["transform"]?.string == "negative-Y"
    override.hiddenFromChart = item["hiddenSeries"]?.bool ?? (item["lines"]?.bool == false)
    override.hiddenFromLegend = item["legend"]?.bool == false
    return override
  }
}
