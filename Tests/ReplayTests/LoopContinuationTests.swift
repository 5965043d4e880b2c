import Archive
import Foundation
import HTTP
import Testing

@testable import Replay

/// `--loop=continue`: counters carry on from pass to pass, so a soak test against a short
/// recording sees no resets; gauges and `_created` stay as recorded.
@Suite(.timeLimit(.minutes(2)))
struct LoopContinuationTests {
  static func frame(_ index: Int, done: Int, running: Int, count: Int, sum: Double) -> Frame {
    let text = """
      # TYPE ray_tasks gauge
      ray_tasks{State="RUNNING"} \(running)
      # TYPE ray_done_total counter
      ray_done_total{job="1"} \(done)
      # TYPE latency_seconds histogram
      latency_seconds_bucket{le="1"} \(count)
      latency_seconds_bucket{le="+Inf"} \(count)
      latency_seconds_sum \(sum)
      latency_seconds_count \(count)
      # TYPE process_start_time_seconds gauge
      process_start_time_seconds 1700000000

      """
    return Frame(
      targetID: 0, timeMs: t0 + Int64(index) * 5000, outcome: .response(status: 200),
      contentType: "text/plain; version=0.0.4", body: Array(text.utf8))
  }

  static func bodies(continuing: Bool, requests: Int) async throws -> [String] {
    let reader = try makeArchive(frames: [
      frame(0, done: 5, running: 2, count: 1, sum: 0.5), frame(1, done: 8, running: 3, count: 3, sum: 2.25),
      frame(2, done: 10, running: 1, count: 4, sum: 3),
    ])
    let replayer = try await startReplay(reader) {
      $0.step = true
      $0.loops = true
      $0.continuesCounters = continuing
    }
    let client = try HTTPClient()
    var out: [String] = []
    for _ in 0..<requests {
      out.append(
        String(
          decoding: await fetch(client, replayer.addresses[0].address).response?.body ?? [], as: UTF8.self))
    }
    await client.shutdown()
    await replayer.stop()
    return out
  }

  static func value(_ body: String, _ series: String) -> String? {
    body.split(separator: "\n").first { $0.hasPrefix(series + " ") }.map {
      String($0.dropFirst(series.count + 1))
    }
  }

  @Test func countersCarryOnFromTheirLastValueInEveryPass() async throws {
    let served = try await Self.bodies(continuing: true, requests: 9)
    let done = served.map { Self.value($0, #"ray_done_total{job="1"}"#) }
    // Each pass adds last - first (10 - 5): the value a pass ends on is where the next starts.
    #expect(done == ["5", "8", "10", "10", "13", "15", "15", "18", "20"])
    #expect(
      served.map { Self.value($0, "latency_seconds_count") } == [
        "1", "3", "4", "4", "6", "7", "7", "9", "10",
      ])
    #expect(served.map { Self.value($0, #"latency_seconds_bucket{le="+Inf"}"#) }[5] == "7")
    #expect(served.map { Self.value($0, "latency_seconds_sum") }[4] == "4.75")
  }

  @Test func gaugesAndStartTimesStayAsRecorded() async throws {
    let served = try await Self.bodies(continuing: true, requests: 6)
    #expect(served.map { Self.value($0, #"ray_tasks{State="RUNNING"}"#) } == ["2", "3", "1", "2", "3", "1"])
    #expect(served.allSatisfy { Self.value($0, "process_start_time_seconds") == "1700000000" })
  }

  @Test func thePlainLoopStillRestartsCounters() async throws {
    let served = try await Self.bodies(continuing: false, requests: 4)
    #expect(served.map { Self.value($0, #"ray_done_total{job="1"}"#) } == ["5", "8", "10", "5"])
  }

  @Test func theFirstPassIsServedByteForByte() async throws {
    let served = try await Self.bodies(continuing: true, requests: 3)
    let plain = try await Self.bodies(continuing: false, requests: 3)
    #expect(served == plain)
  }
}
