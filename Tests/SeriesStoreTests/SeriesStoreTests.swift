import Archive
import Foundation
import PromQL
import Testing

@testable import SeriesStore

/// Frames in, series out, with Prometheus's scrape semantics.
@Suite(.timeLimit(.minutes(5))) struct SeriesStoreTests {
  static let t0: Int64 = 1_795_608_000_000

  static func store(
    _ frames: [(target: UInt32, at: Int64, body: String?)],
    options: SeriesStoreOptions = SeriesStoreOptions(),
    contentType: String = "text/plain; version=0.0.4"
  ) throws -> SeriesStore {
    try SeriesStore(reader: reader(frames, contentType: contentType), options: options)
  }

  /// The frames (a nil body: a refused scrape) of targets 1 and 2, at `t0` plus their offsets.
  static func reader(
    _ frames: [(target: UInt32, at: Int64, body: String?)], contentType: String = "text/plain; version=0.0.4"
  ) throws -> ArchiveReader {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-store-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let targets = [
      ArchiveTarget(id: 1, url: "http://127.0.0.1:8080/metrics", job: "ray", intervalMs: 5000),
      ArchiveTarget(id: 2, url: "http://127.0.0.1:44217/metrics", job: "ray", intervalMs: 5000),
    ]
    let writer = try ArchiveWriter(
      path: path, header: ArchiveHeader(createdMs: t0, recorderVersion: "t", targets: targets))
    for f in frames {
      if let body = f.body {
        try writer.append(
          Frame(
            targetID: f.target, timeMs: t0 + f.at, durationMicros: 1500, outcome: .response(status: 200),
            contentType: contentType, body: Array(body.utf8)))
      } else {
        try writer.append(
          Frame(targetID: f.target, timeMs: t0 + f.at, outcome: .failed(.refused, message: "refused")))
      }
    }
    try writer.close()
    return try ArchiveReader(path: path)
  }

  static func points(_ store: SeriesStore, _ name: String, _ extra: [LabelMatcher] = []) -> [PromQL.Series] {
    let matcher = LabelMatcher(equal: "__name__", name)
    return store.select(matchers: [matcher] + extra, start: .min, end: .max)
  }

  @Test func samplesGetTargetLabelsAndFrameTimes() throws {
    let store = try Self.store([(1, 0, "a{x=\"1\"} 5\n"), (1, 5000, "a{x=\"1\"} 6\n")])
    let a = try #require(Self.points(store, "a").first)
    #expect(a.labels.description == "{__name__=\"a\", instance=\"127.0.0.1:8080\", job=\"ray\", x=\"1\"}")
    #expect(a.timestamps == [Self.t0, Self.t0 + 5000])
    #expect(a.values == [5, 6])
  }

  @Test func aSeriesThatLeavesAScrapeIsMarkedStale() throws {
    let store = try Self.store([(1, 0, "a 1\nb 1\n"), (1, 5000, "a 2\n"), (1, 10000, "a 3\nb 3\n")])
    let b = try #require(Self.points(store, "b").first)
    #expect(b.timestamps == [Self.t0, Self.t0 + 5000, Self.t0 + 10000])
    #expect(StaleMarker.isStale(b.values[1]))
    #expect(b.values[2] == 3)
  }

  @Test func aFailedScrapeMarksEverySeriesStaleAndSetsUpToZero() throws {
    let store = try Self.store([(1, 0, "a 1\n"), (1, 5000, nil), (1, 10000, "a 3\n")])
    let a = try #require(Self.points(store, "a").first)
    #expect(StaleMarker.isStale(a.values[1]))
    let up = try #require(Self.points(store, "up").first)
    #expect(up.values == [1, 0, 1])
    let scraped = try #require(Self.points(store, "scrape_samples_scraped").first)
    #expect(scraped.values == [1, 0, 1])
    let duration = try #require(Self.points(store, "scrape_duration_seconds").first)
    #expect(duration.values[0] == 0.0015)
  }

  @Test func anUnparsableBodyFailsTheWholeScrape() throws {
    let store = try Self.store([(1, 0, "a 1\n"), (1, 5000, "a 2\nb{ 1\n")])
    let a = try #require(Self.points(store, "a").first)
    #expect(a.values.count == 2)
    #expect(StaleMarker.isStale(a.values[1]))
    #expect(Self.points(store, "b").isEmpty)
    #expect(try #require(Self.points(store, "up").first).values == [1, 0])
  }

  @Test func theFirstOfTwoSamplesOfOneSeriesWins() throws {
    let store = try Self.store([(1, 0, "a 1\na 2\n")])
    #expect(try #require(Self.points(store, "a").first).values == [1])
  }

  @Test func collidingLabelsAreExportedAndEmptyOnesDropped() throws {
    let store = try Self.store([(1, 0, "a{job=\"inner\",instance=\"x\",w=\"\"} 1\n")])
    let a = try #require(Self.points(store, "a").first)
    #expect(a.labels["exported_job"] == "inner")
    #expect(a.labels["exported_instance"] == "x")
    #expect(a.labels["job"] == "ray")
    #expect(a.labels["w"] == nil)
  }

  @Test func explicitTimestampsAreHonouredAndNotMarkedStale() throws {
    let store = try Self.store([(1, 0, "a 1 1795607990000\n"), (1, 5000, "b 1\n")])
    let a = try #require(Self.points(store, "a").first)
    #expect(a.timestamps == [1_795_607_990_000])
    #expect(a.values == [1])
  }

  @Test func prometheus3NormalisesBucketBoundsAndPrometheus2KeepsThem() throws {
    let body =
      "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n# TYPE s summary\ns{quantile=\"0\"} 1\n"
    let three = try Self.store([(1, 0, body)])
    #expect(Set(Self.points(three, "h_bucket").compactMap { $0.labels["le"] }) == ["1.0", "+Inf"])
    #expect(Self.points(three, "s").first?.labels["quantile"] == "0.0")
    let two = try Self.store([(1, 0, body)], options: .prometheus2)
    #expect(Set(Self.points(two, "h_bucket").compactMap { $0.labels["le"] }) == ["1", "+Inf"])
  }

  @Test func aTargetThatStopsIsMarkedStaleAnIntervalAfterItsLastScrape() throws {
    let store = try Self.store([
      (1, 0, "a 1\n"), (2, 1000, "b 1\n"), (1, 5000, "a 2\n"), (1, 10000, "a 3\n"), (1, 15000, "a 4\n"),
    ])
    let b = try #require(Self.points(store, "b").first)
    #expect(b.timestamps == [Self.t0 + 1000, Self.t0 + 6000])
    #expect(StaleMarker.isStale(b.values[1]))
    let up = try #require(
      Self.points(store, "up", [LabelMatcher(equal: "instance", "127.0.0.1:44217")]).first)
    #expect(StaleMarker.isStale(up.values.last!))
  }

  @Test func openMetricsBodiesAreReadByContentType() throws {
    let store = try Self.store(
      [(1, 0, "# TYPE c counter\nc_total 7\n# EOF\n")],
      contentType: "application/openmetrics-text; version=1.0.0")
    #expect(Self.points(store, "c_total").first?.values == [7])
  }

  @Test func queriesSeeWhatPrometheusWouldHave() throws {
    let frames: [(target: UInt32, at: Int64, body: String?)] = (0..<13).map { i in
      (1, Int64(i) * 5000, "c_total \(i * 10)\n")
    }
    let store = try Self.store(frames)
    let value = try Engine(storage: store).instantQuery("rate(c_total[1m])", at: Self.t0 + 60_000)
    guard case .vector(let samples) = value else {
      Issue.record("expected a vector")
      return
    }
    #expect(abs(samples[0].value - 2.0) < 1e-9)
  }
}
