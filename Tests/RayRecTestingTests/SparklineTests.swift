import PromQL
import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5))) struct SparklineTests {
  @Test func scalesFromLowestToHighest() {
    #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
    #expect(Sparkline.render([5, 5]) == "▄▄")
    #expect(Sparkline.render([1, .nan, 2]) == "▁ █")
    #expect(Sparkline.render([]) == "")
  }

  @Test func longSeriesAreBucketedByTheirPeaks() {
    let values = (0..<600).map { $0 == 300 ? 100.0 : 0 }
    let line = Sparkline.render(values, width: 60)
    #expect(line.count == 60 && line.filter { $0 == "█" }.count == 1)
  }

  @Test func describesASeriesWithItsRange() {
    let s = Series(labels: .empty, timestamps: [1, 2, 3], values: [1, StaleMarker.value, 9])
    #expect(Sparkline.describe(s) == "▁ █  (min 1, max 9)")
  }

  @Test func numbersTimesAndDurations() {
    #expect(Sparkline.number(2e9) == "2000000000" && Sparkline.number(0.125) == "0.125")
    #expect(Sparkline.time(1_700_000_000_000) == "2023-11-14T22:13:20Z")
    // Issue 15, point 7: one readable format, the command line's.
    #expect(Sparkline.duration(90_500) == "1m31s")
    #expect(Sparkline.duration(2_500) == "2.5s")
    #expect(Sparkline.duration(0) == "0s")
  }
}
