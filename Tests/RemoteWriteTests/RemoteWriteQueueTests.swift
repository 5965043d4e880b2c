import HTTP
import PromQL
import TestSupport
import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(2))) struct RemoteWriteQueueTests {
  @Test func batchesHoldAtMostTheBatchSizeAndARunContinuesInTheNextBatch() {
    let span = QueueFixtures(series: 3, samples: 50, perSpan: 50).spans[0]
    let shards = RemoteWriteQueue.batches(span, shards: 2, batchSize: 40)
    // Keys 0 and 2 go to shard 0 (100 samples: 40, 40, 20), key 1 to shard 1 (40, 10).
    #expect(shards.map { $0.map(\.sampleCount) } == [[40, 40, 20], [40, 10]])
    #expect(shards[0][0].runs.map(\.timestamps.count) == [40])
    #expect(shards[0][1].runs.map(\.timestamps.count) == [10, 30])
    #expect(shards[0][1].runs[0].timestamps.first == span.runs[0].timestamps.dropFirst(40).first)
  }

  @Test func everySampleArrivesOnceInOrderWithTheProtocolsHeaders() async throws {
    let receiver = try RemoteWriteReceiver()
    let fixtures = QueueFixtures(series: 20, samples: 120, perSpan: 30)
    let metadata = [MetricMetadata(type: .counter, familyName: "m", help: "a counter")]
    let report = try await fixtures.push(
      to: receiver.url, options: QueueFixtures.options(shards: 4, batchSize: 100), metadata: metadata
    ) { endpoint in
      try endpoint.setTenant("team-a")
      try endpoint.addHeader(name: "X-Extra", value: "1")
    }
    await receiver.stop()
    #expect(report.delivered)
    #expect(report.progress.samplesDelivered == fixtures.total)
    #expect(report.progress.retries == 0)
    #expect(report.metadataDelivered == 1)
    #expect(receiver.acknowledgedSamples == fixtures.expectedBySeries)
    let first = try #require(receiver.received.first)
    #expect(first.request?.metadata == metadata && first.request?.timeseries.isEmpty == true)
    for entry in receiver.received {
      #expect(entry.error == nil)
      #expect(entry.headers["Content-Encoding"] == "snappy")
      #expect(entry.headers["Content-Type"] == "application/x-protobuf")
      #expect(entry.headers["X-Prometheus-Remote-Write-Version"] == "0.1.0")
      #expect(entry.headers["User-Agent"] == "rayrec/0.1.0")
      #expect(entry.headers["X-Scope-OrgID"] == "team-a")
      #expect(entry.headers["X-Extra"] == "1")
      #expect((entry.request?.sampleCount ?? 0) <= 100)
    }
    #expect(report.progress.bodyBytes == receiver.received.reduce(0) { $0 + $1.body.count })
    #expect(report.progress.fraction == 1)
  }

  @Test func aSpanIsFinishedByEveryShardBeforeTheNextBegins() async throws {
    let receiver = try RemoteWriteReceiver()
    let fixtures = QueueFixtures(series: 16, samples: 60, perSpan: 20)
    let report = try await fixtures.push(
      to: receiver.url, options: QueueFixtures.options(shards: 4, batchSize: 30))
    await receiver.stop()
    #expect(report.delivered)
    // The newest sample of any request before one holding span k+1 is in span k or earlier.
    var newestSpanSoFar = 0
    for entry in receiver.received {
      let times = entry.request?.timeseries.flatMap { $0.samples.map(\.timestamp) } ?? []
      let spans = times.map { Int(($0 - 1_795_608_000_000) / 1000) / 20 }
      guard let lowest = spans.min(), let highest = spans.max() else { continue }
      #expect(lowest >= newestSpanSoFar, "a request went back to an earlier span")
      #expect(highest == lowest, "one request holds one span")
      newestSpanSoFar = max(newestSpanSoFar, highest)
    }
  }
}
