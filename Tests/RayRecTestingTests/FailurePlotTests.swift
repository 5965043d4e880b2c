import Foundation
import FoundationXML
import PromQL
import Synchronization
import Testing

@testable import RayRecTesting

/// Issue 16: a failing expectation attaches a plot of the series it looked at (an SVG with the
/// threshold and the time asked marked), so `swift test --attachments-path DIR` keeps it.
@Suite(.timeLimit(.minutes(3)), .recording("recordings/ray-2.60-workload.rayrec"))
struct FailurePlotTests {
  /// The plots `body`'s failures attached; each failure must also be recorded as an issue.
  static func attachments(_ body: () throws -> Void) -> [(name: String, svg: String)] {
    let log = FailurePlot.Log()
    FailurePlot.$log.withValue(log) {
      withKnownIssue {
        do { try body() } catch { Issue.record(error) }
      }
    }
    return log.entries.withLock { $0 }
  }

  /// Whether `svg` is well-formed XML whose root is an `svg` element.
  static func isWellFormedSVG(_ svg: String) -> Bool {
    final class Root: NSObject, XMLParserDelegate {
      var name: String?
      func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
      ) {
        if name == nil { name = elementName }
      }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let root = Root()
    parser.delegate = root
    return parser.parse() && root.name == "svg"
  }

  @Test func aWrongValueRecordsAnIssueAndAttachesItsSeriesWithTheThresholdAndTheTimeAsked() throws {
    let plots = Self.attachments {
      try expectValue("sum by (State) (ray_tasks)", where: ["State": "FAILED"], .lessThan(100))
    }
    try #require(plots.count == 1)
    #expect(plots[0].name == "sum_by_State_ray_tasks.svg")
    let svg = plots[0].svg
    #expect(Self.isWellFormedSVG(svg))
    #expect(svg.contains(">expected &lt; 100</text>"), "the threshold is labelled")
    #expect(svg.contains("stroke=\"#F2495C\" stroke-width=\"1.5\""), "and drawn")
    #expect(svg.contains(">at end</text>"), "the time asked is labelled")
    #expect(svg.contains("{State=&quot;FAILED&quot;}"), "the legend names the one series looked at")
    #expect(svg.components(separatedBy: "class=\"line\"").count == 2, "one line: the series picked")
    #expect(!svg.contains("href") && !svg.contains("<script"), "nothing is fetched")
  }

  @Test func aPassingExpectationAttachesNothing() throws {
    let log = FailurePlot.Log()
    try FailurePlot.$log.withValue(log) {
      try expectValue("sum by (State) (ray_tasks)", where: ["State": "FAILED"], equals: 295)
      try expectAlways("up", .equal(1, tolerance: 0))
    }
    #expect(log.entries.withLock { $0.isEmpty })
  }

  @Test func aWindowViolationMarksTheFirstViolation() throws {
    let plots = Self.attachments { try expectAlways("sum(ray_tasks{State=\"FINISHED\"})", lessThan: 100) }
    try #require(plots.count == 1)
    #expect(plots[0].name == "sum_ray_tasks_State_FINISHED.svg")
    #expect(plots[0].svg.contains(">first violation</text>"))
    #expect(plots[0].svg.contains(">expected &lt; 100</text>"))
    #expect(Self.isWellFormedSVG(plots[0].svg))
  }

  @Test func aFilterNeverTrueDrawsItsLeftSideUnderTheThreshold() throws {
    let plots = Self.attachments { _ = try expectEventually("sum(ray_tasks) > 1e6") }
    try #require(plots.count == 1)
    #expect(plots[0].name == "sum_ray_tasks_1e6.svg", "named after the query asked")
    #expect(plots[0].svg.contains(">sum(ray_tasks)</text>"), "titled with the side drawn")
    #expect(plots[0].svg.contains(">threshold of sum(ray_tasks) &gt; 1e6</text>"))
    #expect(plots[0].svg.contains("1 Mil"), "the value axis reaches the threshold")
  }

  @Test func anAlertNotFiringDrawsItsExpressionBeforeTheTimeAsked() throws {
    let plots = Self.attachments { _ = try expectAlertFires("sum(ray_tasks) > 1e6", for: .minutes(1)) }
    try #require(plots.count == 1)
    #expect(plots[0].svg.contains(">asked: end</text>"))
    #expect(Self.isWellFormedSVG(plots[0].svg))
  }

  @Test func aQueryWithoutSeriesAttachesNothingButStillFails() throws {
    let plots = Self.attachments { try expectValue("sum(ray_taks)", equals: 1) }
    #expect(plots.isEmpty)
  }

  @Test func manySeriesAreCappedAndTheLegendCountsTheRest() throws {
    let plot = FailurePlot(
      query: "x", title: "x", subtitle: "",
      series: (0..<30).map { i in
        Series(
          labels: Labels(["i": "\(i)"]), timestamps: (0..<5000).map { Int64($0) * 1000 },
          values: (0..<5000).map { Double(($0 * 7 + i) % 13) })
      }, from: 0, to: 5_000_000, step: 1000, markers: [])
    let svg = plot.svg()
    #expect(svg.components(separatedBy: "class=\"line\"").count == 21, "at most 20 lines")
    #expect(svg.contains("+ 23 more series"), "7 legend lines, then the rest counted")
    #expect(svg.utf8.count < 200_000, "two points per column: \(svg.utf8.count) bytes")
    #expect(Self.isWellFormedSVG(svg))
  }

  @Test func namesKeepOnlyFileSafeCharacters() {
    func name(_ query: String) -> String {
      FailurePlot(query: query, title: "", subtitle: "", series: [], from: 0, to: 0, step: 1, markers: [])
        .name
    }
    #expect(name("rate(x{a=\"b/c\"}[5m]) > 0.5") == "rate_x_a_b_c_5m_0.5.svg")
    #expect(name("../../etc") == "etc.svg", "no hidden file, no path")
    #expect(name("***") == "plot.svg")
    #expect(name(String(repeating: "a", count: 200)) == String(repeating: "a", count: 80) + ".svg")
  }
}
