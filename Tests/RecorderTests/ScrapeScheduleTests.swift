import Testing

@testable import Recorder

@Suite(.timeLimit(.minutes(5))) struct ScrapeScheduleTests {
  @Test func scheduledTimesStayOnTheGridWhateverTheStartingPoint() {
    let s = ScrapeSchedule(intervalMs: 5000, key: "http://127.0.0.1:8080/metrics")
    var t = s.next(atOrAfter: 1_795_608_000_123)
    for _ in 0..<1000 {
      #expect((t - s.offsetMs) % 5000 == 0)
      let late = t + 4321  // a slow scrape does not shift the next one
      let next = s.next(after: late)
      #expect(next == t + 5000)
      t = next
    }
  }

  @Test func nextAtOrAfterReturnsTheTimeItselfWhenScheduled() {
    let s = ScrapeSchedule(intervalMs: 1000, key: "k")
    let t = s.next(atOrAfter: 10_000)
    #expect(s.next(atOrAfter: t) == t)
    #expect(s.next(after: t) == t + 1000)
  }

  @Test func targetsAreSpreadAcrossTheInterval() {
    let offsets = Set(
      (0..<200).map {
        ScrapeSchedule(intervalMs: 1000, key: "http://127.0.0.1:\(9000 + $0)/metrics").offsetMs
      })
    #expect(offsets.count > 150)
    #expect(offsets.allSatisfy { (0..<1000).contains($0) })
  }
}
