import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(2)))
struct ScenarioLimitsTests {
  /// A scenario header and one node, then `body`.
  static func scenario(_ body: String, duration: String = "10m") -> String {
    "profile ray-2.60\nduration \(duration)\nnode head 127.0.0.1\n" + body
  }

  static func error(_ text: String) -> ScenarioError? {
    do {
      _ = try Scenario.parse(text, file: "big.scn")
      return nil
    } catch {
      return error
    }
  }

  @Test func seriesLinesTogetherMayNotAskForMoreThanTenMillionValues() throws {
    // Eleven series of a million values each: every line is within its own limit.
    let lines = (1...11).map { "series head.agent s\($0) 0+1x999999\n" }.joined()
    let error = try #require(Self.error(Self.scenario(lines)))
    #expect(error.line == 14)
    #expect(error.column == 23)
    #expect(
      error.message
        == "too many values: the series lines would hold 11,000,000 (limit 10,000,000 per scenario)")
  }

  @Test func oneSeriesLineIsCheckedBeforeItsValuesAreMade() throws {
    let error = try #require(Self.error(Self.scenario("series head.agent s 1 0+1x999999\n")))
    #expect(error.line == 4)
    #expect(error.message == "too many values: this series would hold 1,000,001 (limit 1,000,000 per series)")
  }

  @Test func aScenarioMayDeclareAtMost4096Nodes() throws {
    let lines = "nodes a 4000 127.0.1.1+\nnodes b 100 127.1.0.1+\n"
    let error = try #require(Self.error(Self.scenario(lines, duration: "1m")))
    #expect(error.line == 5)
    #expect(error.message == "too many nodes (limit 4,096 per scenario)")
  }

  @Test func theScrapesOfAWholeRecordingAreBounded() throws {
    // 102 targets scraped every 5 s for ten years: 6.4 billion scrapes.
    let text = Self.scenario("nodes w 99 127.0.0.2+\n", duration: "520w")
    let error = try #require(Self.error(text))
    #expect(error.line == 2)
    #expect(error.column == 10)
    #expect(
      error.description
        == "big.scn:2:10: too much to simulate: 102 targets × 62,899,201 scrapes (duration / interval) "
        + "is 6,415,718,502 scrapes (limit 100,000,000 per scenario)")
  }

  @Test func theModelStepsAreBoundedWhenScrapesAreFew() throws {
    // Few scrapes (one a week) but a model stepped every 100 ms for a year on 4,000 nodes.
    let text =
      "profile ray-2.60\nduration 52w\ninterval 1w\nresolution 100ms\nnode head 127.0.0.1\nnodes w 3999 127.0.1.1+\n"
    let error = try #require(Self.error(text))
    #expect(error.line == 2)
    #expect(error.message.hasPrefix("too much to simulate: 4,000 nodes × 314,496,001 model steps"))
  }

  @Test func aLongValueIsQuotedCutShort() throws {
    let token = String(repeating: "9", count: 1_000_000) + "q"
    let error = try #require(Self.error(Self.scenario("series head.agent s \(token)\n")))
    #expect(
      error.message.hasPrefix("bad value '" + String(repeating: "9", count: 100) + "'... (1000001 bytes)"))
    #expect(error.message.utf8.count < 300)
  }

  @Test func everyShippedScenarioIsWithinTheLimits() throws {
    #expect(Scenarios.files.count >= 8)
    for name in Scenarios.files {
      #expect(throws: Never.self) { try Scenarios.load(name) }
    }
  }

  @Test func figuresAreGroupedByThousands() {
    #expect(ScenarioLimits.grouped(0) == "0")
    #expect(ScenarioLimits.grouped(999) == "999")
    #expect(ScenarioLimits.grouped(1000) == "1,000")
    #expect(ScenarioLimits.grouped(-1_234_567) == "-1,234,567")
  }
}
