import Foundation
import Testing

@testable import Exposition

@Suite(.timeLimit(.minutes(5))) struct MetricFamilyParseTests {
  @Test func textFamiliesGroupSamplesByTypeSuffixes() throws {
    let text = """
      # HELP x_seconds A histogram.
      # TYPE x_seconds histogram
      x_seconds_bucket{le="1"} 1
      x_seconds_bucket{le="+Inf"} 2
      x_seconds_sum 3
      x_seconds_count 2
      # TYPE ray_tasks_total counter
      ray_tasks_total{State="RUNNING"} 4
      loose 1

      """
    let families = try MetricFamily.parse([UInt8](text), format: .text)
    #expect(families.map(\.name) == ["x_seconds", "ray_tasks_total", "loose"])
    #expect(families.map(\.type) == [.histogram, .counter, .unknown])
    #expect(families[0].help == "A histogram.")
    #expect(families[0].samples.count == 4)
    #expect(families[1].samples[0][label: "State"] == "RUNNING")
  }

  @Test func openMetricsCountersAreNamedWithoutTotal() throws {
    let text = "# TYPE a counter\n# UNIT a \na_total 1\na_created 2\n# EOF\n"
    let families = try MetricFamily.parse([UInt8](text), format: .openMetrics)
    #expect(families.count == 1)
    #expect(families[0].name == "a")
    #expect(families[0].unit == "")
    #expect(families[0].samples.map(\.name) == ["a_total", "a_created"])
  }

  @Test func summaryCountsDistinctSeries() throws {
    let families = try MetricFamily.parse([UInt8]("a 1\na 2\nb{x=\"1\"} 1\n"), format: .text)
    let summary = ExpositionSummary(families: families)
    #expect(summary == ExpositionSummary(familiesCount: 2, series: 2, samples: 3))
  }

  /// Every scrape of the real Ray 2.60 head node is valid text 0.0.4.
  @Test(.enabled(if: Shared.available)) func everyRayScrapeIsAcceptedAsText() throws {
    let root = Shared.path("samples/ray-2.60/scrapes")
    var files = 0
    for target in try FileManager.default.contentsOfDirectory(atPath: root.path) {
      let dir = root.appendingPathComponent(target)
      for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".prom")
      {
        let body = try Data(contentsOf: dir.appendingPathComponent(name))
        let families = try MetricFamily.parse(Array(body), format: .text)
        #expect(!families.isEmpty, "\(target)/\(name)")
        files += 1
      }
    }
    #expect(files == 183)
  }
}

extension ExpositionSummary {
  init(familiesCount: Int, series: Int, samples: Int) {
    self.init(families: [])
    self.families = familiesCount
    self.series = series
    self.samples = samples
  }
}
