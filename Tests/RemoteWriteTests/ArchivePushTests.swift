import Archive
import Foundation
import PromQL
import SeriesStore
import Testing

@testable import RemoteWrite

/// A push sends exactly the series `rayrec query` reads, span by span.
@Suite(.timeLimit(.minutes(5))) struct ArchivePushTests {
  static var recordings: [String] {
    let directory =
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path + "/recordings"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".rayrec") }.sorted().map { directory + "/" + $0 }
  }

  /// Every span of `push`, and the samples per series (decoded from the bytes the queue sends).
  static func drain(_ push: ArchivePush) async throws -> (
    spans: [WriteSpan], series: [Labels: [TimeSeries.Sample]]
  ) {
    var spans: [WriteSpan] = []
    var series: [Labels: [TimeSeries.Sample]] = [:]
    while let span = await push.nextSpan() {
      spans.append(span)
      var encoder = WriteRequestEncoder()
      for run in span.runs {
        encoder.append(labels: run.labels, timestamps: run.timestamps, values: run.values)
      }
      for decoded in try WriteRequest(decoding: encoder.bytes).timeseries {
        series[Labels(decoded.labels.map { ($0.name, $0.value) }), default: []] += decoded.samples
      }
    }
    return (spans, series)
  }

  static func samples(_ series: PromQL.Series, from: Int64 = .min, to: Int64 = .max) -> [TimeSeries.Sample] {
    zip(series.timestamps, series.values).filter { $0.0 >= from && $0.0 < to }.map {
      TimeSeries.Sample(value: $0.1, timestamp: $0.0)
    }
  }

  @Test(arguments: recordings)
  func thePushSendsEverySampleOfTheSeriesStore(path: String) async throws {
    let reader = try ArchiveReader(path: path)
    let store = try SeriesStore(reader: reader, options: .prometheus2)
    let push = ArchivePush(reader: reader, options: .prometheus2)
    let (spans, sent) = try await Self.drain(push)
    #expect(sent.count == store.series.count)
    for series in store.series {
      #expect(sent[series.labels] == Self.samples(series), "\(series.labels)")
    }
    let summary = push.summary
    #expect(summary.sampleCount == store.sampleCount)
    #expect(summary.seriesCount == store.series.count)
    #expect(
      summary.staleMarkers == store.series.reduce(0) { $0 + $1.values.filter(StaleMarker.isStale).count })
    #expect(summary.firstMs == store.series.compactMap(\.timestamps.first).min())
    #expect(spans.map(\.sourceFraction) == spans.map(\.sourceFraction).sorted())
    #expect(spans.last?.sourceFraction == 1)
    // Labels go out sorted by name, as remote write requires.
    for run in spans.first?.runs ?? [] {
      var encoder = WriteRequestEncoder()
      encoder.append(labels: run.labels, timestamps: run.timestamps, values: run.values)
      let names = try WriteRequest(decoding: encoder.bytes).timeseries[0].labels.map(\.name)
      #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
  }

  @Test func spansFollowTheRecordingsTime() async throws {
    let path = try #require(Self.recordings.first { $0.hasSuffix("actor-crash-loop.rayrec") })
    let reader = try ArchiveReader(path: path)
    let push = ArchivePush(reader: reader, spanMs: 60_000)
    let (spans, _) = try await Self.drain(push)
    #expect(spans.count > 5)
    var previousEnd = Int64.min
    for span in spans.dropLast() {
      let times = span.runs.flatMap(\.timestamps)
      let (low, high) = (try #require(times.min()), try #require(times.max()))
      #expect(high - low < 60_000, "a span holds one minute of scrapes")
      #expect(low >= previousEnd, "spans do not go back in time")
      previousEnd = high
    }
  }

  @Test func onlyTheWindowIsSent() async throws {
    let path = try #require(Self.recordings.first { $0.hasSuffix("node-loss.rayrec") })
    let reader = try ArchiveReader(path: path)
    let store = try SeriesStore(reader: reader)
    let from = store.startMs + 120_000
    let to = store.startMs + 300_000
    let push = ArchivePush(reader: reader, from: from, to: to)
    let (_, sent) = try await Self.drain(push)
    let expected = store.series.map { ($0.labels, Self.samples($0, from: from, to: to)) }.filter {
      !$0.1.isEmpty
    }
    #expect(sent.count == expected.count)
    for (labels, samples) in expected { #expect(sent[labels] == samples, "\(labels)") }
    #expect(push.summary.firstMs.map { $0 >= from } == true)
    #expect(push.summary.lastMs.map { $0 < to } == true)
  }

  @Test func metadataIsEachFamilyOnceWithItsTypeAndHelp() throws {
    let path = try #require(Self.recordings.first { $0.hasSuffix("ray-2.60-workload.rayrec") })
    let push = ArchivePush(reader: try ArchiveReader(path: path))
    #expect(Set(push.metadata).count == push.metadata.count)
    let tasks = try #require(push.metadata.first { $0.familyName == "ray_tasks" })
    #expect(tasks.type == .gauge)
    #expect(!tasks.help.isEmpty)
    #expect(push.metadata.contains { $0.type == .histogram })
    #expect(push.metadata.contains { $0.type == .counter })
  }
}
