import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct ScenarioValuesTests {
  @Test(arguments: [
    ("90s", Int64(90_000)), ("1m30s", 90_000), ("500ms", 500), ("2h", 7_200_000), ("0", 0),
    ("1d", 86_400_000),
    ("1h1m1s1ms", 3_661_001), ("15", 15_000), ("0.5", 500),
  ])
  func readsDurationsAsTheCommandLineDoes(text: String, ms: Int64) {
    #expect(ScenarioValues.duration(text) == ms)
  }

  @Test(arguments: ["", "1x", "s", "1s1m", "1.5s", "-1s", "1s1s", "99999999999999999h"])
  func rejectsBadDurations(text: String) {
    #expect(ScenarioValues.duration(text) == nil)
  }

  @Test func readsSizesRatesAndFractions() {
    #expect(ScenarioValues.size("8GiB") == 8.0 * 1_073_741_824)
    #expect(ScenarioValues.size("1e9") == 1e9)
    #expect(ScenarioValues.size("512MB") == 512e6)
    #expect(ScenarioValues.size("-1") == nil)
    #expect(ScenarioValues.rate("20/s") == 20)
    #expect(ScenarioValues.rate("120/m") == 2)
    #expect(ScenarioValues.rate("x/s") == nil)
    #expect(ScenarioValues.fraction("95%") == 0.95)
    #expect(ScenarioValues.fraction("0.5") == 0.5)
    #expect(ScenarioValues.number("0x10") == nil)
    #expect(ScenarioValues.number("nan") == nil)
  }

  @Test func readsAddressesAndStartTimes() {
    #expect(ScenarioValues.ipv4("127.0.0.2") == [127, 0, 0, 2])
    #expect(ScenarioValues.ipv4("127.0.0.256") == nil)
    #expect(ScenarioValues.ipv4("127.0.0") == nil)
    #expect(ScenarioValues.startTime("2026-11-25T12:00:00Z") == 1_795_608_000_000)
    #expect(ScenarioValues.startTime("1795608000") == 1_795_608_000_000)
    #expect(ScenarioValues.startTime("2026-13-25T12:00:00Z") == nil)
  }
}
