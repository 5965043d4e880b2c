import Foundation
import Testing

@testable import Exposition

@Suite(.timeLimit(.minutes(5))) struct ExpositionWriterTests {
  static let families = [
    MetricFamily(
      name: "ray_tasks_total", type: .counter, help: "Tasks by state.\nSecond \"line\" \\ here.",
      samples: [
        Sample(
          name: "ray_tasks_total", labels: [Label("State", "RUNNING"), Label("q", "a\"b\\c\nd")], value: 3),
        Sample(
          name: "ray_tasks_total", labels: [Label("State", "")], value: 0.25, timestamp: 1_700_000_000_123),
      ]),
    MetricFamily(
      name: "lat_seconds", type: .histogram,
      samples: [
        Sample(name: "lat_seconds_bucket", labels: [Label("le", "0.5")], value: 1),
        Sample(name: "lat_seconds_bucket", labels: [Label("le", "+Inf")], value: 2),
        Sample(name: "lat_seconds_sum", value: 1.5e-7),
        Sample(name: "lat_seconds_count", value: 2),
      ]),
    MetricFamily(name: "odd.name", type: .gauge, samples: [Sample(name: "odd.name", value: .nan)]),
  ]

  @Test func writesTextGolden() {
    let text = String(decoding: ExpositionWriter.write(Self.families, format: .text), as: UTF8.self)
    #expect(
      text
        == """
        # HELP ray_tasks_total Tasks by state.\\nSecond "line" \\\\ here.
        # TYPE ray_tasks_total counter
        ray_tasks_total{State="RUNNING",q="a\\"b\\\\c\\nd"} 3
        ray_tasks_total{State=""} 0.25 1700000000123
        # TYPE lat_seconds histogram
        lat_seconds_bucket{le="0.5"} 1
        lat_seconds_bucket{le="+Inf"} 2
        lat_seconds_sum 1.5e-07
        lat_seconds_count 2
        # HELP "odd.name" x
        # TYPE "odd.name" gauge
        {"odd.name"} NaN

        """.replacingOccurrences(of: "# HELP \"odd.name\" x\n", with: ""))
  }

  @Test func writesOpenMetricsGolden() {
    let text = String(decoding: ExpositionWriter.write(Self.families, format: .openMetrics), as: UTF8.self)
    #expect(
      text == """
        # TYPE ray_tasks counter
        # HELP ray_tasks Tasks by state.\\nSecond \\"line\\" \\\\ here.
        ray_tasks_total{State="RUNNING",q="a\\"b\\\\c\\nd"} 3
        ray_tasks_total{State=""} 0.25 1700000000.123
        # TYPE lat_seconds histogram
        lat_seconds_bucket{le="0.5"} 1
        lat_seconds_bucket{le="+Inf"} 2
        lat_seconds_sum 1.5e-07
        lat_seconds_count 2
        # TYPE "odd.name" gauge
        {"odd.name"} NaN
        # EOF

        """)
  }

  @Test func aCounterWithoutTotalBecomesUnknownInOpenMetrics() throws {
    let family = MetricFamily(name: "c", type: .counter, samples: [Sample(name: "c", value: 1)])
    let bytes = ExpositionWriter.write([family], format: .openMetrics)
    #expect(String(decoding: bytes, as: UTF8.self) == "# TYPE c unknown\nc 1\n# EOF\n")
    _ = try MetricFamily.parse(bytes, format: .openMetrics)
  }

  @Test(arguments: [
    (0, "0"), (1, "0.001"), (1500, "1.5"), (-1250, "-1.25"), (1_700_000_000_000, "1700000000"),
  ])
  func formatsSecondsExactly(ms: Int64, text: String) {
    #expect(ExpositionWriter.formatSeconds(ms) == text)
  }

  @Test func roundTripsBothFormats() throws {
    for format in ExpositionFormat.allCases {
      let first = try MetricFamily.parse(
        ExpositionWriter.write(Self.families, format: format), format: format)
      let second = try MetricFamily.parse(ExpositionWriter.write(first, format: format), format: format)
      try expectSameSamples(first, second)
      let samples = first.flatMap(\.samples)
      let original = Self.families.flatMap(\.samples)
      try #require(samples.count == original.count)
      for (a, b) in zip(samples, original) { #expect(a.isIdentical(to: b)) }
    }
  }

  /// Parse, write, parse: the same families, on every sample file we have.
  @Test(.enabled(if: Shared.available)) func roundTripsEverySharedSampleFile() throws {
    var files: [(URL, ExpositionFormat)] = []
    for dir in ["conformance/exposition/head", "conformance/exposition/v2.42"] {
      for name in try FileManager.default.contentsOfDirectory(atPath: Shared.path(dir).path) {
        files.append(
          (Shared.path(dir).appendingPathComponent(name), name.hasSuffix(".om.txt") ? .openMetrics : .text))
      }
    }
    let conformance = Shared.path("conformance/openmetrics")
    for name in try FileManager.default.contentsOfDirectory(atPath: conformance.path)
    where !name.hasPrefix("bad_") {
      let file = conformance.appendingPathComponent(name).appendingPathComponent("metrics")
      if FileManager.default.fileExists(atPath: file.path) { files.append((file, .openMetrics)) }
    }
    let scrapes = Shared.path("samples/ray-2.60/scrapes")
    for target in try FileManager.default.contentsOfDirectory(atPath: scrapes.path) {
      let dir = scrapes.appendingPathComponent(target)
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
        $0.hasSuffix(".prom")
      }
      for name in names.sorted() { files.append((dir.appendingPathComponent(name), .text)) }
    }
    #expect(files.count > 50)
    for (file, format) in files {
      let bytes = Array(try Data(contentsOf: file))
      // Upstream's sample files are what Prometheus accepts, not all strictly valid OpenMetrics.
      let first = try MetricFamily.parse(bytes, format: format, strict: false)
      let written = ExpositionWriter.write(first, format: format)
      let second = try MetricFamily.parse(written, format: format, strict: false)
      try expectSameSamples(first, second, file.path)
    }
  }

  private func expectSameSamples(_ a: [MetricFamily], _ b: [MetricFamily], _ context: String = "") throws {
    try #require(a.count == b.count, "\(context): \(a.count) families became \(b.count)")
    for (x, y) in zip(a, b) {
      #expect(
        x.name == y.name && x.type == y.type && x.help == y.help && x.unit == y.unit, "\(context): \(x.name)")
      try #require(x.samples.count == y.samples.count, "\(context): \(x.name)")
      for (s, t) in zip(x.samples, y.samples) { #expect(s.isIdentical(to: t), "\(context): \(s) vs \(t)") }
    }
  }
}
