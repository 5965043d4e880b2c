import Archive
import Exposition
import Foundation
import PromQL
import Testing

@testable import SeriesStore

/// Reading unchanged skeletons token by token builds exactly the series a full parse builds.
@Suite(.timeLimit(.minutes(5)))
struct LayoutReuseTests {
  static var packageRoot: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }

  static var recordings: [String] {
    let directory = packageRoot + "/recordings"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".rayrec") }.sorted().map { directory + "/" + $0 }
  }

  static let sharedSample = packageRoot + "/../shared/samples/ray-2.60/scrapes"

  /// Builds the store with and without layout reuse and compares every series bit for bit; the
  /// reference also decodes on the ingesting thread, so the overlapped decoding is checked too.
  @discardableResult
  static func expectSameSeries(_ reader: ArchiveReader, options base: SeriesStoreOptions) throws
    -> SeriesStore
  {
    var parsed = base
    parsed.reuseLayouts = false
    parsed.overlapDecoding = false
    var reused = base
    reused.reuseLayouts = true
    reused.overlapDecoding = true
    let reference = try SeriesStore(reader: reader, options: parsed)
    let store = try SeriesStore(reader: reader, options: reused)
    #expect(store.startMs == reference.startMs && store.endMs == reference.endMs)
    try #require(
      store.series.count == reference.series.count,
      "\(reader.path): \(store.series.count) series, parsing gives \(reference.series.count)")
    var mismatches: [String] = []
    for (ours, theirs) in zip(store.series, reference.series) {
      guard ours.labels == theirs.labels else {
        mismatches.append("labels \(ours.labels) against \(theirs.labels)")
        continue
      }
      let same =
        ours.timestamps == theirs.timestamps
        && ours.values.map(\.bitPattern) == theirs.values.map(\.bitPattern)
      if !same { mismatches.append("\(ours.labels): samples differ") }
    }
    #expect(mismatches.isEmpty, "\(reader.path): \(mismatches.prefix(5).joined(separator: "; "))")
    #expect(store.parsedScrapes + store.reusedScrapes + store.lineReadScrapes == reference.parsedScrapes)
    return store
  }

  @Test(arguments: recordings)
  func everyShippedRecordingGivesBitIdenticalSeries(path: String) throws {
    let reader = try ArchiveReader(path: path)
    let store = try Self.expectSameSeries(reader, options: SeriesStoreOptions())
    #expect(store.reusedScrapes > store.parsedScrapes, "most scrapes keep their skeleton")
    var extra = SeriesStoreOptions.prometheus2
    extra.extraLabels = [Label("ray_io_cluster", "ci")]
    try Self.expectSameSeries(reader, options: extra)
    var quiet = SeriesStoreOptions()
    quiet.staleness = false
    try Self.expectSameSeries(reader, options: quiet)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedSample), "../shared sample is absent"))
  func theSharedRaySampleGivesBitIdenticalSeries() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-reuse-\(UUID().uuidString).rayrec"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ArchiveImporter(job: "ray").importDump(from: Self.sharedSample, to: path)
    let reader = try ArchiveReader(path: path)
    let store = try Self.expectSameSeries(reader, options: SeriesStoreOptions())
    #expect(store.parsedScrapes <= 3, "\(store.parsedScrapes) parsed, \(store.lineReadScrapes) read by line")
    try Self.expectSameSeries(reader, options: .prometheus2)
  }

  /// Bodies of one target, one frame each (nil: a refused scrape), written to an archive.
  static func archive(
    _ bodies: [String?], contentTypes: [String]? = nil, keyframeEvery: Int? = nil
  ) throws -> ArchiveReader {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-reuse-\(UUID().uuidString).rayrec"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t0: Int64 = 1_795_608_000_000
    let target = ArchiveTarget(id: 1, url: "http://127.0.0.1:8080/metrics", job: "ray", intervalMs: 5000)
    var options = ArchiveWriterOptions()
    if let keyframeEvery { options.keyframeInterval = keyframeEvery }
    let writer = try ArchiveWriter(
      path: path, header: ArchiveHeader(createdMs: t0, recorderVersion: "t", targets: [target]),
      options: options)
    for (i, body) in bodies.enumerated() {
      let t = t0 + Int64(i) * 5000
      if let body {
        try writer.append(
          Frame(
            targetID: 1, timeMs: t, durationMicros: 1500 + Int64(i), outcome: .response(status: 200),
            contentType: contentTypes?[i] ?? "text/plain; version=0.0.4", body: Array(body.utf8)))
      } else {
        try writer.append(Frame(targetID: 1, timeMs: t, outcome: .failed(.refused, message: "refused")))
      }
    }
    try writer.close()
    return try ArchiveReader(path: path)
  }

  static let cases: [(name: String, bodies: [String?])] = [
    (
      "values change, some stay",
      ["a 1\nb{x=\"1\"} 2.5\nc 3\n", "a 2\nb{x=\"1\"} 2.5\nc 4\n", "a 3\nb{x=\"1\"} 2.75\nc 4\n"]
    ),
    ("a value becomes text Prometheus rejects", ["a 1\nb 2\n", "a 1\nb nope\n", "a 1\nb 3\n"]),
    ("special values", ["a 1\nb NaN\n", "a +Inf\nb -Inf\n", "a 1e3\nb 0x10\n", "a 1_0\nb 2\n"]),
    (
      "explicit timestamps stay, values move",
      ["a 1 1795608000000\nb 2\n", "a 2 1795608000000\nb 3\n", "a 3 1795608009000\nb 3\n"]
    ),
    ("a failed scrape between equal skeletons", ["a 1\nb 2\n", nil, "a 1\nb 5\n", "a 2\nb 5\n"]),
    ("a series leaves and comes back", ["a 1\nb 2\n", "a 1\n", "a 2\nb 2\n", "a 3\nb 2\n"]),
    ("the same series twice", ["a 1\na 2\nb 1\n", "a 3\na 4\nb 1\n", "a 5\na 4\nb 2\n"]),
    (
      "blanks around values",
      ["a  1\nb\t2\nc 3 \n", "a  2\nb\t3\nc 4 \n", "a  2\nb\t3 1795608000000\nc 5 \n"]
    ),
    ("a value with a tab inside", ["a 1\nb 2\n", "a 1\tb\nb 2\n", "a 1\t5\nb 3\n"]),
    (
      "histogram bounds",
      [
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3\n",
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 4\nh_count 4\nh_sum 3.5\n",
      ]
    ),
    ("a line without a value, then with one", ["a\nb 1\n", "a 1\nb 2\n", "a 2\nb 3\n"]),
    ("CRLF lines", ["a 1\r\nb 2\r\n", "a 2\r\nb 2\r\n"]),
  ]

  @Test(arguments: cases.indices)
  func awkwardBodiesGiveTheSameSeriesBothWays(index: Int) throws {
    let (name, bodies) = Self.cases[index]
    for keyframeEvery in [1, 2, 32] {
      let reader = try Self.archive(bodies, keyframeEvery: keyframeEvery)
      for options in [SeriesStoreOptions(), .prometheus2] {
        let store = try Self.expectSameSeries(reader, options: options)
        #expect(store.series.count > 0, "\(name)")
      }
    }
  }

  @Test func aChangedContentTypeIsParsedAgain() throws {
    let bodies = ["a 1\nb 2\n", "a 1\nb 2\n", "a 1\nb 2\n"]
    let types = ["text/plain; version=0.0.4", "application/openmetrics-text; version=1.0.0", "text/plain"]
    let reader = try Self.archive(bodies, contentTypes: types)
    let store = try Self.expectSameSeries(reader, options: SeriesStoreOptions())
    #expect(store.reusedScrapes == 0)
  }

  @Test func unchangedSkeletonsAreNotParsedAgain() throws {
    let bodies = (0..<10).map { "# TYPE a counter\na_total \($0)\nb{x=\"y\"} 7\n" }
    let store = try Self.expectSameSeries(Self.archive(bodies), options: SeriesStoreOptions())
    #expect(store.parsedScrapes == 1 && store.reusedScrapes == 9)
  }
}

extension LayoutReuseTests {
  static let lineCases: [(name: String, bodies: [String?])] = [
    (
      "a series comes and goes", ["a 1\nb 2\nc 3\n", "a 1\nc 4\n", "a 2\nb 9\nc 4\n", "a 2\nb 9\nc 4\nd 1\n"]
    ),
    (
      "a histogram family appears before a sample it reshapes",
      [
        "x{le=\"1\"} 1\ny 2\n", "# TYPE x histogram\nx{le=\"1\"} 1\ny 3\n",
        "x{le=\"1\"} 2\ny 3\n# TYPE x histogram\n",
      ]
    ),
    ("a new line does not parse", ["a 1\nb 2\n", "a 1\nb 2\nc{ 3\n", "a 1\nb 2\nc 3\n"]),
    ("a kept line's value stops being a number", ["a 1\nb 2\n", "a x\nb 2\nc 1\n", "a 3\nb 2\nc 1\n"]),
    ("lines move around", ["a 1\nb 2\nc 3\nd 4\n", "d 4\nc 3\nb 2\na 1\n", "b 2\nd 5\na 1\nc 3\ne 1\n"]),
    ("a label value spans lines", ["a{x=\"1\n2\"} 1\nb 2\n", "a{x=\"1\n2\"} 2\nb 2\nc 1\n", "b 3\nc 1\n"]),
    ("repeated lines", ["a 1\na 1\nb 2\n", "a 2\na 1\nb 2\nc 1\n", "a 1\nb 2\na 2\n"]),
    ("timestamps on new lines", ["a 1\n", "a 1\nb 2 1795608000000\n", "a 2\nb 3 1795608001000\nc 1\n"]),
    ("comments and help come and go", ["# HELP a x\na 1\n", "# HELP a y\n# hi\na 2\nb 1\n", "a 2\nb 1\n"]),
  ]

  @Test(arguments: lineCases.indices)
  func changedSkeletonsGiveTheSameSeriesLineByLine(index: Int) throws {
    let (name, bodies) = Self.lineCases[index]
    for keyframeEvery in [1, 32] {
      let reader = try Self.archive(bodies, keyframeEvery: keyframeEvery)
      for options in [SeriesStoreOptions(), .prometheus2] {
        let store = try Self.expectSameSeries(reader, options: options)
        #expect(store.series.count > 0, "\(name)")
      }
    }
  }

  @Test func aSeriesThatComesAndGoesIsReadLineByLine() throws {
    let bodies = (0..<6).map { i in "a \(i)\n" + (i % 2 == 0 ? "b 1\n" : "") + "c 2\n" }
    let store = try Self.expectSameSeries(Self.archive(bodies), options: SeriesStoreOptions())
    #expect(store.parsedScrapes == 1 && store.lineReadScrapes == 5)
  }
}
