import Basics
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct DashboardCheckTests {
  static func check(_ patterns: [PanelPattern]) throws -> DashboardCheck {
    let dashboard = try Dashboard.parse(
      """
      {"title": "C", "panels": [
        {"type": "timeseries", "title": "Up", "targets": [{"expr": "up"}]},
        {"type": "timeseries", "title": "GPU", "targets": [{"expr": "gpu"}]},
        {"type": "timeseries", "title": "Bad", "targets": [{"expr": "sum("}]}
      ]}
      """, path: "c.json")
    return DashboardCheck(
      dashboard: dashboard, results: Fixtures.evaluator().evaluate(dashboard), patterns: patterns)
  }

  @Test func errorsAlwaysFailNoDataOnlyWhenNotAllowed() throws {
    #expect(try Self.check([]).failed == 2)
    #expect(try Self.check([try PanelPattern("GPU")]).failed == 1)
    #expect(try Self.check([try PanelPattern("*")]).failed == 1)
  }

  @Test func printsOneLinePerPanelAndASummary() throws {
    #expect(
      try Self.check([try PanelPattern("GPU")]).textLines == [
        "c.json: C",
        "  data     Up",
        "  no data  GPU (allowed by glob 'GPU'): metric gpu is not in the recording",
        "  error    Bad: A `sum(`: 1:5: parse error: unclosed left parenthesis",
        "  3 panels: 1 data, 1 no data (1 allowed), 1 errors, 0 skipped; 1 failed",
      ])
  }

  @Test func jsonAndJUnitCarryTheVerdicts() throws {
    let check = try Self.check([])
    let json = try JSONParser.parse(DashboardCheck.json([check]))
    #expect(json["dashboards"]?.array?.first?["failed"]?.int == 2)
    #expect(check.junitSuite.cases.map(\.outcome).filter { $0 == .passed }.count == 1)
  }
}
