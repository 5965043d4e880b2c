import HTTP
import PromQL
import TestSupport
import Testing

@testable import RemoteWrite

/// A receiver that fails in each way a real one does, on real sockets on 127.0.0.1: the push
/// retries what may succeed later, stops on what cannot, and never sends an acknowledged batch
/// again.
@Suite(.timeLimit(.minutes(2))) struct FaultTests {
  let fixtures = QueueFixtures(series: 4, samples: 50, perSpan: 25)

  @Test func aReceiverThatIsDownFailsThePushOnceTheRetriesAreSpent() async throws {
    let gone = try RemoteWriteReceiver()
    let url = gone.url
    await gone.stop()
    let report = try await fixtures.push(to: url, options: QueueFixtures.options(maxRetries: 2))
    #expect(!report.delivered)
    let failure = try #require(report.failure)
    #expect(failure.contains("Connection refused"), "\(failure)")
    #expect(failure.hasSuffix("(gave up after 3 attempts)"), "\(failure)")
    #expect(report.attempts == 3, "one shard: the first batch tried 3 times, nothing after it")
    #expect(report.progress.samplesDelivered == 0)
    #expect(report.progress.bodyBytes == 0, "nothing reached a receiver")
  }

  @Test func aServerErrorIsRetriedUntilTheReceiverTakesTheBatch() async throws {
    let receiver = try RemoteWriteReceiver { index, _ in
      index < 2 ? .status(500, body: "TSDB is busy\nmore") : .status(204)
    }
    let report = try await fixtures.push(to: receiver.url, options: QueueFixtures.options())
    await receiver.stop()
    #expect(report.delivered, "\(report.failure ?? "")")
    #expect(report.progress.retries == 2)
    let received = receiver.received
    #expect(received[0].body == received[1].body && received[1].body == received[2].body)
    #expect(receiver.acknowledgedSamples == fixtures.expectedBySeries)
    receiver.expectNoAcknowledgedBatchResent()
  }

  @Test func aBadRequestStopsThePushAtOnceWithTheServersMessage() async throws {
    let receiver = try RemoteWriteReceiver { index, _ in
      index == 1 ? .status(400, body: "out of order sample\n") : .status(204)
    }
    let report = try await fixtures.push(to: receiver.url, options: QueueFixtures.options())
    await receiver.stop()
    #expect(report.failure == "server returned HTTP status 400 Bad Request: out of order sample")
    #expect(receiver.received.count == 2, "no retry of the 400, nothing sent after it")
    #expect(report.progress.samplesDelivered == receiver.received[0].request?.sampleCount)
    #expect(report.progress.retries == 0)
    receiver.expectNoAcknowledgedBatchResent()
  }

  @Test func aConnectionClosedMidRequestIsRetried() async throws {
    // Every batch's first attempt is cut off: the connection is reset without an answer.
    let receiver = try RemoteWriteReceiver { index, _ in index.isMultiple(of: 2) ? .hangUp : .status(204) }
    let report = try await fixtures.push(to: receiver.url, options: QueueFixtures.options())
    await receiver.stop()
    #expect(report.delivered, "\(report.failure ?? "")")
    let received = receiver.received
    #expect(report.progress.retries == received.count / 2)
    for pair in stride(from: 0, to: received.count, by: 2) {
      #expect(received[pair].body == received[pair + 1].body, "the cut-off batch is sent again as it was")
    }
    #expect(receiver.acknowledgedSamples == fixtures.expectedBySeries)
    receiver.expectNoAcknowledgedBatchResent()
  }

  @Test func aReceiverSlowerThanTheTimeoutGetsTheBatchAgain() async throws {
    // The first request is never answered; the client gives up after its timeout and retries.
    let receiver = try RemoteWriteReceiver { index, _ in index == 0 ? .stall : .status(204) }
    let report = try await fixtures.push(
      to: receiver.url, options: QueueFixtures.options(), timeout: .seconds(1))
    await receiver.stop()
    #expect(report.delivered, "\(report.failure ?? "")")
    // One retry at least: a machine too busy to answer within the second may need more.
    #expect(report.progress.retries >= 1)
    let received = receiver.received
    #expect(received[0].body == received[1].body)
    #expect(receiver.acknowledgedSamples == fixtures.expectedBySeries)
    receiver.expectNoAcknowledgedBatchResent()
  }

  @Test func aCopyRefusedAfterAnUnansweredAttemptSaysTheFirstMayHaveLanded() async throws {
    // The receiver stores the first attempt but never answers; the copy is out of order then.
    let receiver = try RemoteWriteReceiver { index, _ in
      index == 0 ? .stall : .status(400, body: "out of order sample")
    }
    let report = try await fixtures.push(
      to: receiver.url, options: QueueFixtures.options(), timeout: .seconds(1))
    await receiver.stop()
    #expect(
      report.failure
        == "server returned HTTP status 400 Bad Request: out of order sample (an earlier attempt of this request got no answer: the receiver may have stored it)"
    )
    #expect(receiver.received.count == 2, "the 400 is not retried")
  }

  @Test func tooManyRequestsIsRetriedAfterTheDelayTheReceiverAsksFor() async throws {
    let receiver = try RemoteWriteReceiver { index, _ in
      index == 0 ? .status(429, body: "rate limited", headers: ["Retry-After": "1"]) : .status(204)
    }
    let report = try await fixtures.push(to: receiver.url, options: QueueFixtures.options())
    await receiver.stop()
    #expect(report.delivered, "\(report.failure ?? "")")
    #expect(report.progress.retries == 1)
    #expect(receiver.acknowledgedSamples == fixtures.expectedBySeries)
    receiver.expectNoAcknowledgedBatchResent()
  }

  @Test func aFailureOnOneShardStopsTheOthers() async throws {
    let receiver = try RemoteWriteReceiver { _, request in
      let series = request?.timeseries.first?.labels.first { $0.name == "i" }?.value
      return series == "1" ? .status(403, body: "tenant may not write") : .status(204)
    }
    let many = QueueFixtures(series: 4, samples: 200, perSpan: 20)
    let report = try await many.push(
      to: receiver.url, options: QueueFixtures.options(shards: 4, batchSize: 20))
    await receiver.stop()
    #expect(report.failure == "server returned HTTP status 403 Forbidden: tenant may not write")
    // Spans after the failing one are never started: far fewer requests than the 40 batches.
    #expect(receiver.received.count < 8)
    receiver.expectNoAcknowledgedBatchResent()
  }
}
