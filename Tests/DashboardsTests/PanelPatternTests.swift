import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct PanelPatternTests {
  @Test func globsMatchTheWholeTitle() throws {
    let p = try PanelPattern("*GPU*")
    #expect(p.kind == .glob && p.matches("Node GPU Usage") && !p.matches("Node CPU"))
    #expect(try !PanelPattern("GPU").matches("Node GPU Usage"))
  }

  @Test func regexesBetweenSlashesSearch() throws {
    let p = try PanelPattern("/GPU|TPU/")
    #expect(p.kind == .regex && p.matches("Node TPU Duty Cycle") && !p.matches("CPU"))
    #expect(p.description == "regex /GPU|TPU/")
  }

  @Test func aBadRegexIsAnError() {
    #expect(throws: PanelPatternError(pattern: "/(/")) { try PanelPattern("/(/") }
  }
}
