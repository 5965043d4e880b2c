import PromQL
import Testing

@Suite(.timeLimit(.minutes(5)))
struct StorageTests {
  let storage = InMemoryStorage([
    Series(labels: Labels(["__name__": "up", "job": "a"]), timestamps: [0, 1000, 2000], values: [1, 1, 0]),
    Series(labels: Labels(["__name__": "up", "job": "b"]), timestamps: [5000], values: [1]),
    Series(labels: Labels(["__name__": "other"]), timestamps: [0], values: [StaleMarker.value]),
  ])

  @Test func selectsByMatchersAndTimeRange() throws {
    let up = LabelMatcher(equal: "__name__", "up")
    let all = storage.select(matchers: [up], start: 0, end: 10_000)
    #expect(all.map { $0.labels["job"] } == ["a", "b"])
    let window = storage.select(matchers: [up], start: 1000, end: 2000)
    #expect(window.count == 1)
    #expect(window.first?.timestamps == [1000, 2000])
    #expect(window.first?.values == [1, 0])
    let byRegex = storage.select(
      matchers: [try LabelMatcher(.regexMatch, name: "job", value: "b|c")], start: 0, end: 9000)
    #expect(byRegex.map { $0.labels["job"] } == ["b"])
    let absentLabel = storage.select(matchers: [up, LabelMatcher(equal: "zone", "")], start: 0, end: 9000)
    #expect(absentLabel.count == 2)
  }

  @Test func staleMarkerIsASpecialNaN() throws {
    let series = storage.select(matchers: [LabelMatcher(equal: "__name__", "other")], start: 0, end: 0)
    let value = try #require(series.first?.values.first)
    #expect(value.isNaN)
    #expect(StaleMarker.isStale(value))
    #expect(!StaleMarker.isStale(.nan))
    #expect(value.bitPattern == 0x7ff0_0000_0000_0002)
  }
}
