import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct GrafanaIntervalTests {
  @Test(arguments: [
    (5 as Int64, 10 as Int64), (187, 200), (1_400, 1_000), (7_600, 10_000), (16_000, 15_000),
    (40_000, 30_000),
    (100_000, 120_000), (3_000_000, 3_600_000), (100_000_000_000, 31_536_000_000),
  ])
  func roundsToNiceSteps(_ raw: Int64, _ nice: Int64) {
    #expect(GrafanaInterval.round(raw) == nice)
  }

  @Test func thePanelIntervalIsAtLeastTheMinimum() {
    // 3 minutes over 960 points is 187ms, rounded to 200ms, raised to the 15s scrape interval.
    #expect(GrafanaInterval.panelInterval(rangeMs: 180_000, maxDataPoints: 960, minimumMs: 15_000) == 15_000)
    // 24 hours over 100 points: 864s, rounded to 15m.
    #expect(
      GrafanaInterval.panelInterval(rangeMs: 86_400_000, maxDataPoints: 100, minimumMs: 15_000) == 900_000)
  }

  @Test func theStepHonoursMinStepFactorAndThePointLimit() {
    #expect(
      GrafanaInterval.step(
        panelIntervalMs: 15_000, targetMinStepMs: 60_000, rangeMs: 3_600_000, intervalFactor: 1) == 60_000)
    #expect(
      GrafanaInterval.step(
        panelIntervalMs: 15_000, targetMinStepMs: nil, rangeMs: 3_600_000, intervalFactor: 2) == 30_000)
    // 30 days at 1s would exceed 11,000 points: ceil(2592000/11000) = 236s.
    #expect(
      GrafanaInterval.step(
        panelIntervalMs: 1_000, targetMinStepMs: nil, rangeMs: 2_592_000_000, intervalFactor: 1) == 236_000)
  }

  @Test func rateIntervalIsGrafanasFormula() {
    #expect(GrafanaInterval.rateInterval(stepMs: 15_000, scrapeIntervalMs: 15_000) == 60_000)
    #expect(GrafanaInterval.rateInterval(stepMs: 120_000, scrapeIntervalMs: 15_000) == 135_000)
    #expect(GrafanaInterval.rateInterval(stepMs: 5_000, scrapeIntervalMs: 0) == 60_000)
  }

  @Test func textAndParsing() {
    #expect(GrafanaInterval.text(90_000) == "1m")
    #expect(GrafanaInterval.text(500) == "500ms")
    #expect(GrafanaInterval.exactText(135_000) == "2m15s")
    #expect(GrafanaInterval.parse("1h30m") == 5_400_000)
    #expect(GrafanaInterval.parse(">10s") == 10_000)
    #expect(GrafanaInterval.parse("30") == 30_000)
    #expect(GrafanaInterval.parse("abc") == nil)
    #expect(GrafanaInterval.parse("99999999999999999999y") == nil)
  }
}

@Suite(.timeLimit(.minutes(5))) struct GrafanaIntervalOverflowTests {
  @Test func hugeInputsSaturateInsteadOfTrapping() {
    #expect(
      GrafanaInterval.step(
        panelIntervalMs: Int64.max / 2, targetMinStepMs: nil, rangeMs: 1, intervalFactor: 1_000) == Int64.max)
    #expect(GrafanaInterval.rateInterval(stepMs: Int64.max - 1, scrapeIntervalMs: Int64.max / 2) == Int64.max)
  }
}
