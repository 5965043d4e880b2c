import HTTP
import PromQL
import RemoteWrite
import TestSupport
import Testing

/// Synthetic series for the queue's tests: `series` series of `samples` samples each, 1 s apart,
/// cut into spans of `perSpan` samples.
struct QueueFixtures {
  var series = 6
  var samples = 50
  var perSpan = 25

  func labels(_ index: Int) -> [Label] {
    [
      Label(name: "__name__", value: "m"), Label(name: "i", value: "\(index)"),
      Label(name: "job", value: "t"),
    ]
  }

  func key(_ index: Int) -> String { labels(index).map { "\($0.name)=\($0.value)" }.joined(separator: ",") }

  /// The samples of series `index`: values 0, 1, ... at 1000 ms steps.
  func expected(_ index: Int) -> [TimeSeries.Sample] {
    (0..<samples).map {
      TimeSeries.Sample(value: Double($0), timestamp: 1_795_608_000_000 + Int64($0) * 1000)
    }
  }

  var expectedBySeries: [String: [TimeSeries.Sample]] {
    Dictionary(uniqueKeysWithValues: (0..<series).map { (key($0), expected($0)) })
  }

  var spans: [WriteSpan] {
    stride(from: 0, to: samples, by: perSpan).map { start in
      let end = min(samples, start + perSpan)
      let runs = (0..<series).map { index in
        let all = expected(index)
        return SeriesRun(
          labels: EncodedLabels(labels(index)), shardKey: UInt64(index),
          timestamps: all.map(\.timestamp)[start..<end], values: all.map(\.value)[start..<end])
      }
      return WriteSpan(runs: runs, sourceFraction: Double(end) / Double(samples))
    }
  }

  var total: Int { series * samples }

  /// Fast retries, so fault tests take milliseconds of backoff.
  static func options(shards: Int = 1, batchSize: Int = 40, maxRetries: Int = 5) -> QueueOptions {
    var options = QueueOptions()
    options.shards = shards
    options.batchSize = batchSize
    options.maxRetries = maxRetries
    options.minBackoff = .milliseconds(1)
    options.maxBackoff = .milliseconds(20)
    return options
  }

  /// Pushes the spans to `url` through rayrec's HTTP client.
  func push(
    to url: String, options: QueueOptions, timeout: Duration = .seconds(10),
    metadata: [MetricMetadata] = [], configure: (inout RemoteWriteEndpoint) throws -> Void = { _ in }
  ) async throws -> RemoteWriteReport {
    var endpoint = try RemoteWriteEndpoint(url: url)
    endpoint.timeout = timeout
    try configure(&endpoint)
    let client = try HTTPClient(version: "0.1.0")
    let queue = RemoteWriteQueue(
      transport: HTTPTransport(client: client, endpoint: endpoint), options: options)
    let report = await queue.send(metadata: metadata, source: WriteSpanList(spans))
    await client.shutdown()
    return report
  }
}

extension RemoteWriteReceiver {
  /// No acknowledged request was sent again: each acknowledged body arrives once, and no
  /// request after it repeats it.
  func expectNoAcknowledgedBatchResent(sourceLocation: SourceLocation = #_sourceLocation) {
    let all = received
    for (index, entry) in all.enumerated() where entry.acknowledged {
      let repeats = all[(index + 1)...].filter { $0.body == entry.body }.count
      #expect(
        repeats == 0, "request \(index) was acknowledged, then sent \(repeats) more times",
        sourceLocation: sourceLocation)
    }
  }
}
