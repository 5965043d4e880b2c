import Basics
import Foundation

/// One dashboard's panel results judged against `--allow-empty` patterns: what
/// `rayrec check dashboard` prints, writes as JSON and as JUnit.
public struct DashboardCheck: Sendable {
  /// The dashboard.
  public let dashboard: Dashboard
  /// Its panel results.
  public let results: [PanelResult]
  /// Panels matching one of these may show no data.
  public let patterns: [PanelPattern]

  /// Creates the value from its parts.
  public init(dashboard: Dashboard, results: [PanelResult], patterns: [PanelPattern]) {
    self.dashboard = dashboard
    self.results = results
    self.patterns = patterns
  }

  /// The pattern that allows this panel to be empty, if any.
  public func allowance(_ result: PanelResult) -> PanelPattern? { patterns.first { $0.matches(result) } }

  /// Whether the panel fails the check: errors always, no data unless allowed.
  public func fails(_ result: PanelResult) -> Bool {
    switch result.status {
    case .error: return true
    case .noData, .fallbackOnly: return allowance(result) == nil
    case .data, .skipped: return false
    }
  }

  /// No data of the cluster: none at all, or only constant fallbacks.
  func isEmpty(_ result: PanelResult) -> Bool { result.status == .noData || result.status == .fallbackOnly }

  /// How many panels fail.
  public var failed: Int { results.filter(fails).count }

  /// The text report: a heading, one line per panel, a summary line.
  public var textLines: [String] {
    var lines = ["\(dashboard.path): \(dashboard.title)"]
    for result in results {
      let reasons = result.reasons
      var line =
        "  "
        + result.status.rawValue.padding(
          toLength: max(8, result.status.rawValue.count), withPad: " ", startingAt: 0) + " "
        + result.displayName
      if result.status == .noData || result.status == .fallbackOnly, let pattern = allowance(result) {
        line += " (allowed by \(pattern))"
      }
      if !reasons.isEmpty { line += ": " + reasons.joined(separator: "; ") }
      lines.append(line)
    }
    let count = { (s: PanelStatus) in results.filter { $0.status == s }.count }
    let allowed = results.filter { isEmpty($0) && allowance($0) != nil }.count
    let fallbacks = count(.fallbackOnly)
    lines.append(
      "  \(results.count) panels: \(count(.data)) data, \(count(.noData)) no data (\(allowed) allowed), \(count(.error)) errors, \(count(.skipped)) skipped\(fallbacks > 0 ? ", \(fallbacks) fallback only" : ""); \(failed) failed"
    )
    return lines
  }

  /// The JUnit suite for this dashboard.
  public var junitSuite: JUnitReport.Suite {
    JUnitReport.Suite(
      name: dashboard.title, file: dashboard.path,
      cases: results.map { result in
        let detail = result.reasons.joined(separator: "\n")
        let outcome: JUnitReport.Case.Outcome
        switch result.status {
        case .data: outcome = .passed
        case .skipped: outcome = .skipped(message: detail)
        case .error: outcome = .error(message: result.reasons.first ?? "error", detail: detail)
        case .noData, .fallbackOnly:
          let what = result.status.rawValue
          if let pattern = allowance(result) {
            outcome = .skipped(message: "\(what), allowed by --allow-empty \(pattern): \(detail)")
          } else {
            outcome = .failure(message: "\(what): \(result.reasons.first ?? "")", detail: detail)
          }
        }
        return JUnitReport.Case(name: result.displayName, outcome: outcome)
      })
  }

  /// All checks as one JSON document.
  public static func json(_ checks: [DashboardCheck]) -> String {
    func q(_ s: String) -> String { JSONString.quote(s) }
    var out = "{\"dashboards\":["
    for (i, check) in checks.enumerated() {
      if i > 0 { out += "," }
      out += "{\"path\":\(q(check.dashboard.path)),\"title\":\(q(check.dashboard.title)),\"panels\":["
      for (j, r) in check.results.enumerated() {
        if j > 0 { out += "," }
        out += "{\"title\":\(q(r.title)),\"row\":\(r.panel.row.map(q) ?? "null"),"
        out += "\"id\":\(r.panel.id.map(String.init) ?? "null"),\"status\":\(q(r.status.rawValue)),"
        out += "\"allowed\":\(check.isEmpty(r) && check.allowance(r) != nil),\"failed\":\(check.fails(r)),"
        out += "\"reasons\":[\(r.reasons.map(q).joined(separator: ","))],\"targets\":["
        out += r.targets.map { t in
          "{\"refId\":\(q(t.refId)),\"expr\":\(q(t.expr)),\"kind\":\(q(t.kind.rawValue)),\"stepMs\":\(t.stepMs),\"series\":\(t.series.count),\"error\":\(t.error.map(q) ?? "null")}"
        }.joined(separator: ",")
        out += "]}"
      }
      out += "],\"failed\":\(check.failed)}"
    }
    return out + "]}"
  }
}
