import Synchronization

/// Sends spans of samples as Prometheus's queue manager sends its WAL: series hashed to shards,
/// each shard sending batches of at most ``QueueOptions/batchSize`` samples one request at a
/// time (so a series' samples arrive in order), shards in parallel; a failed request retried with
/// exponential backoff when it may succeed later, the whole push stopped when it cannot.
///
/// An acknowledged request is never sent again; a request that got no answer (a timeout, a
/// reset) is, since the receiver may not have it. Resending is safe with Prometheus and its
/// kin: a sample identical to a stored one is not stored twice.
public struct RemoteWriteQueue: Sendable {
  let transport: any RemoteWriteTransport
  let options: QueueOptions

  /// A queue over `transport`.
  public init(transport: any RemoteWriteTransport, options: QueueOptions = QueueOptions()) {
    precondition(options.shards >= 1 && options.batchSize >= 1 && options.metadataBatchSize >= 1)
    self.transport = transport
    self.options = options
  }

  /// Sends `metadata` (its own requests, first), then the spans of `source` in order, each
  /// span's shards in parallel while the source makes the next span. `progress` is called after
  /// every delivered request, from any thread.
  public func send(
    metadata: [MetricMetadata], source: any WriteSpanSource,
    progress: @escaping @Sendable (SendProgress) -> Void = { _ in }
  ) async -> RemoteWriteReport {
    let state = QueueState(progress: progress)
    var start = 0
    while start < metadata.count {
      let end = min(start + options.metadataBatchSize, metadata.count)
      var encoder = WriteRequestEncoder()
      for entry in metadata[start..<end] { encoder.append(metadata: entry) }
      switch await deliver(encoder.bytes, samples: 0, state) {
      case .delivered: state.update { $0.metadataDelivered += end - start }
      case .failed(let message): state.update { $0.metadataFailure = $0.metadataFailure ?? message }
      case .stopped: break
      }
      start = end
    }
    var upcoming = Task { await source.nextSpan() }
    while let span = await upcoming.value {
      upcoming = Task { await source.nextSpan() }
      guard !state.stopped else { break }
      state.beginSpan(span)
      let shards = Self.batches(span, shards: options.shards, batchSize: options.batchSize)
      await withTaskGroup(of: Void.self) { group in
        for batches in shards where !batches.isEmpty {
          group.addTask {
            for batch in batches {
              var encoder = WriteRequestEncoder(capacity: batch.sampleCount * 20 + 4096)
              for run in batch.runs {
                encoder.append(labels: run.labels, timestamps: run.timestamps, values: run.values)
              }
              if case .failed(let message) = await deliver(encoder.bytes, samples: batch.sampleCount, state) {
                state.fail(message)
              }
              if state.stopped { return }
            }
          }
        }
      }
    }
    // The source may be making one more span; let it finish before the push is over.
    _ = await upcoming.value
    return state.finish()
  }

  /// How a request ended.
  enum Delivery: Equatable {
    case delivered
    /// Rejected, or still failing after the last retry.
    case failed(String)
    /// Not sent (again): another shard's failure stopped the push.
    case stopped
  }

  /// Compresses and sends one request, retrying while the receiver may take it later.
  func deliver(_ protobuf: [UInt8], samples: Int, _ state: QueueState) async -> Delivery {
    let body = Snappy.compress(protobuf)
    var backoff = options.minBackoff
    var attempt = 0
    // An attempt without an answer may have been stored: a receiver without an out-of-order
    // window then refuses the copy (the series already hold its samples), which the message says.
    var unanswered = false
    while true {
      guard !state.stopped else { return .stopped }
      let outcome = await transport.send(body)
      state.update {
        $0.attempts += 1
        if case .retryable(_, _, answered: false) = outcome { return }
        $0.progress.bodyBytes += body.count
      }
      switch outcome {
      case .delivered:
        state.delivered(samples: samples, protobufBytes: protobuf.count)
        return .delivered
      case .rejected(let message):
        guard unanswered else { return .failed(message) }
        return .failed(
          "\(message) (an earlier attempt of this request got no answer: the receiver may have stored it)")
      case .retryable(let message, let retryAfter, let answered):
        unanswered = unanswered || !answered
        guard attempt < options.maxRetries else {
          let tries = attempt + 1
          return .failed("\(message) (gave up after \(tries) attempt\(tries == 1 ? "" : "s"))")
        }
        let wait = retryAfter ?? backoff
        state.update { $0.progress.retries += 1 }
        guard await state.sleep(wait) else { return .stopped }
        backoff = min(wait * 2, options.maxBackoff)
        attempt += 1
      }
    }
  }

  /// One request's worth of runs.
  struct Batch {
    var runs: [SeriesRun] = []
    var sampleCount = 0
  }

  /// The span's runs dealt to shards by key, each shard's cut into batches of at most
  /// `batchSize` samples (a long run continues in the next batch), in span order.
  static func batches(_ span: WriteSpan, shards: Int, batchSize: Int) -> [[Batch]] {
    var out = [[Batch]](repeating: [], count: shards)
    var open = [Batch](repeating: Batch(), count: shards)
    for run in span.runs {
      let shard = Int(run.shardKey % UInt64(shards))
      var rest = run
      while !rest.timestamps.isEmpty {
        let room = batchSize - open[shard].sampleCount
        let take = min(room, rest.timestamps.count)
        var piece = rest
        piece.timestamps = rest.timestamps.prefix(take)
        piece.values = rest.values.prefix(take)
        open[shard].runs.append(piece)
        open[shard].sampleCount += take
        rest.timestamps = rest.timestamps.dropFirst(take)
        rest.values = rest.values.dropFirst(take)
        if open[shard].sampleCount == batchSize {
          out[shard].append(open[shard])
          open[shard] = Batch()
        }
      }
    }
    for shard in 0..<shards where open[shard].sampleCount > 0 { out[shard].append(open[shard]) }
    return out
  }
}

/// The counters and the stop flag the shards share.
final class QueueState: Sendable {
  private struct Shared {
    var report = RemoteWriteReport()
    /// The source's fraction before and after the span being sent, and that span's samples.
    var spanFractions = (0.0, 0.0)
    var spanSamples = 0
    var spanDelivered = 0
  }

  private let shared = Mutex(Shared())
  private let started = ContinuousClock.now
  private let progress: @Sendable (SendProgress) -> Void

  init(progress: @escaping @Sendable (SendProgress) -> Void) { self.progress = progress }

  /// Whether a request failed for good: no shard sends anything after that.
  var stopped: Bool { shared.withLock { $0.report.failure != nil } }

  func update(_ change: (inout RemoteWriteReport) -> Void) { shared.withLock { change(&$0.report) } }

  /// Keeps the first failure; the push stops.
  func fail(_ message: String) { shared.withLock { $0.report.failure = $0.report.failure ?? message } }

  /// A span starts: progress within it moves the fraction from the last span's to this one's.
  func beginSpan(_ span: WriteSpan) {
    shared.withLock { shared in
      shared.spanFractions = (shared.spanFractions.1, span.sourceFraction)
      shared.spanSamples = span.sampleCount
      shared.spanDelivered = 0
    }
  }

  func delivered(samples: Int, protobufBytes: Int) {
    let snapshot = shared.withLock { shared in
      shared.report.progress.samplesDelivered += samples
      shared.report.progress.requestsDelivered += 1
      shared.report.protobufBytes += protobufBytes
      shared.spanDelivered += samples
      let (before, after) = shared.spanFractions
      let within = shared.spanSamples > 0 ? Double(shared.spanDelivered) / Double(shared.spanSamples) : 0
      shared.report.progress.fraction = before + (after - before) * within
      shared.report.progress.elapsed = ContinuousClock.now - started
      return shared.report.progress
    }
    progress(snapshot)
  }

  /// Waits `duration` in short steps, so a failure elsewhere ends the wait; false when it did.
  func sleep(_ duration: Duration) async -> Bool {
    let deadline = ContinuousClock.now + duration
    while ContinuousClock.now < deadline {
      if stopped { return false }
      let step = min(deadline - ContinuousClock.now, .milliseconds(50))
      try? await Task.sleep(for: step)
    }
    return !stopped
  }

  func finish() -> RemoteWriteReport {
    shared.withLock { shared in
      shared.report.progress.elapsed = ContinuousClock.now - started
      if shared.report.failure == nil { shared.report.progress.fraction = 1 }
      return shared.report
    }
  }
}
