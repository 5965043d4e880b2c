import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct DashboardErrorTests {
  @Test func syntaxErrorsReadAsFileLineColumn() {
    #expect(
      DashboardError(path: "d.json", message: "3:4: expected a value").description
        == "d.json:3:4: expected a value")
    #expect(DashboardError(path: "d.json", message: "no such file").description == "d.json: no such file")
  }
}
