import Exposition
import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct BodyWriterTests {
  func body(_ format: ExpositionFormat) -> String {
    var w = BodyWriter(format: format, capacity: 0)
    w.head(FamilyHead("jobs_total", .counter, "Jobs \"done\".\nSo far."))
    w.sample(SeriesPrefix.make("jobs_total", [("b", "x\"y"), ("a", "1")]), 3)
    w.head(FamilyHead("lat_ms", .histogram, "Latency."))
    var h = HistogramState(bounds: 2)
    h.observe(10, median: 5, bounds: [1, 10], sumOfValues: 48.5)
    w.histogram(HistogramPrefixes("lat_ms", [("n", "a")], bounds: [1, 10]), h)
    w.head(FamilyHead("mem_bytes", .gauge, ""))
    w.sample(SeriesPrefix.make("mem_bytes", []), 2.5e9)
    w.finish()
    return w.out.text
  }

  @Test func writesTextLikeRay() {
    #expect(
      body(.text) == """
        # HELP jobs_total Jobs "done".\\nSo far.
        # TYPE jobs_total counter
        jobs_total{a="1",b="x\\"y"} 3.0
        # HELP lat_ms Latency.
        # TYPE lat_ms histogram
        lat_ms_bucket{le="1.0",n="a"} 0.0
        lat_ms_bucket{le="10.0",n="a"} 9.0
        lat_ms_bucket{le="+Inf",n="a"} 10.0
        lat_ms_count{n="a"} 10.0
        lat_ms_sum{n="a"} 48.5
        # TYPE mem_bytes gauge
        mem_bytes 2.5e+09

        """)
  }

  @Test func writesOpenMetricsLikeRay() throws {
    let text = body(.openMetrics)
    #expect(text.hasPrefix("# HELP jobs Jobs \\\"done\\\".\\nSo far.\n# TYPE jobs counter\njobs_total{"))
    #expect(text.hasSuffix("mem_bytes 2.5e+09\n# EOF\n"))
    _ = try MetricFamily.parse(Array(text.utf8), format: .openMetrics, strict: true)
  }
}
