import Archive
import Foundation
import HTTP
import Testing

@testable import Replay

/// Real sockets on 127.0.0.1, free ports.
@Suite(.timeLimit(.minutes(5))) struct ReplayerTests {
  /// Target 0: ok, ok, refused, timeout, 503, reset, malformed, ok (5 s apart); target 1: ok x 8.
  static func faultArchive() throws -> ArchiveReader {
    var frames: [Frame] = []
    for step in 0..<8 {
      let time = t0 + Int64(step) * 5000
      var frame = okFrame(0, time, step)
      switch step {
      case 2: frame.outcome = .failed(.refused, message: "connection refused")
      case 3: frame.outcome = .failed(.timeout, message: "timed out")
      case 4:
        frame.outcome = .response(status: 503)
        frame.body = Array("overloaded\n".utf8)
      case 5: frame.outcome = .failed(.reset, message: "connection reset")
      case 6:
        frame.outcome = .failed(.malformed, message: "bad")
        frame.body = Array("ray_tasks{ 1\n".utf8)
      default: break
      }
      if [2, 3].contains(step) { frame.body = [] }
      frames.append(frame)
      frames.append(okFrame(1, time + 100, step))
    }
    return try makeArchive(frames: frames)
  }

  func address(_ replayer: Replayer, _ index: Int) -> SocketAddress { replayer.addresses[index].address }

  @Test func theFrameInEffectIsServedByteForByteOnAnyPath() async throws {
    let reader = try Self.faultArchive()
    let replayer = try await frozenReplay(reader, at: t0 + 5000 + 200)
    let client = try HTTPClient()
    let result = await fetch(client, address(replayer, 1), path: "/any/path?x=1")
    #expect(result.response?.status == 200)
    #expect(result.response?.body == body(1, target: 1))
    #expect(result.response?.contentType == "text/plain; version=0.0.4; charset=utf-8")
    let first = await fetch(client, address(replayer, 0))
    #expect(first.response?.body == body(1, target: 0))
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aRefusedSpanClosesThePort() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 10_000)
    #expect(await eventually { replayer.status().targets[0].state == "refused" })
    let client = try HTTPClient()
    let result = await fetch(client, address(replayer, 0))
    #expect(result.error?.kind == .connectionRefused)
    #expect(await fetch(client, address(replayer, 1)).response?.status == 200)
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aTimeoutIsNeverAnswered() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 15_000)
    let client = try HTTPClient()
    #expect(await eventually { replayer.status().targets[0].state == "timeout" })
    let result = await fetch(client, address(replayer, 0), timeout: .milliseconds(300))
    #expect(result.error?.kind == .readTimeout)
    await client.shutdown()
    await replayer.stop()
  }

  @Test func anHTTPErrorIsServedWithItsBody() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 20_000)
    let client = try HTTPClient()
    #expect(await eventually { replayer.status().targets[0].frameTimeMs == t0 + 20_000 })
    let result = await fetch(client, address(replayer, 0))
    #expect(result.response?.status == 503)
    #expect(result.response?.body == Array("overloaded\n".utf8))
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aResetCutsTheBodyShort() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 25_000)
    let client = try HTTPClient()
    #expect(await eventually { replayer.status().targets[0].state == "reset" })
    let result = await fetch(client, address(replayer, 0))
    let kind = try #require(result.error?.kind)
    #expect(kind == .connectionReset || kind == .closedEarly)
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aMalformedBodyComesBackWithA200() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 30_000)
    let client = try HTTPClient()
    #expect(await eventually { replayer.status().targets[0].frameTimeMs == t0 + 30_000 })
    let result = await fetch(client, address(replayer, 0))
    #expect(result.response?.status == 200)
    #expect(result.response?.body == Array("ray_tasks{ 1\n".utf8))
    await client.shutdown()
    await replayer.stop()
  }

  @Test func gzipAndHeadAnswerAsRecorded() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 200)
    let client = try HTTPClient()
    let zipped = await fetch(client, address(replayer, 1), gzip: true)
    #expect(zipped.response?.wasGzip == true)
    #expect(zipped.response?.body == body(0, target: 1))
    let head = await fetch(client, address(replayer, 1), method: "HEAD")
    #expect(head.response?.status == 200)
    #expect(head.response?.body == [])
    #expect(head.response?.headers["Content-Length"] == "\(body(0, target: 1).count)")
    await client.shutdown()
    await replayer.stop()
  }

  @Test func stepModeServesOneFramePerRequestInOrder() async throws {
    let reader = try makeArchive(frames: (0..<4).map { okFrame(0, t0 + Int64($0) * 5000, $0) })
    let replayer = try await startReplay(reader) { $0.step = true }
    let client = try HTTPClient()
    for step in 0..<4 {
      #expect(!replayer.isFinished)
      #expect(await fetch(client, address(replayer, 0)).response?.body == body(step))
    }
    #expect(replayer.isFinished)
    #expect(await fetch(client, address(replayer, 0)).response?.body == body(3))
    #expect(replayer.status().targets[0].hits == 5)
    await client.shutdown()
    await replayer.stop()
  }

  @Test func stepModeLoopsWithShiftedTimestamps() async throws {
    let reader = try makeArchive(frames: (0..<2).map { okFrame(0, t0 + Int64($0) * 5000, $0) })
    let replayer = try await startReplay(reader) {
      $0.step = true
      $0.loops = true
      $0.timestamps = .recorded
    }
    let client = try HTTPClient()
    var bodies: [String] = []
    for _ in 0..<3 {
      bodies.append(
        String(decoding: await fetch(client, address(replayer, 0)).response?.body ?? [], as: UTF8.self))
    }
    // The window is 0..10 s (last frame plus one interval): the second pass is 10 s later.
    #expect(bodies[0].contains("ray_done_total 0 \(t0)\n"))
    #expect(bodies[1].contains("ray_done_total 10 \(t0 + 5000)\n"))
    #expect(bodies[2].contains("ray_done_total 0 \(t0 + 10_000)\n"))
    #expect(!replayer.isFinished)
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aFastReplayFinishesAtTheEndOfItsWindow() async throws {
    let reader = try makeArchive(frames: (0..<3).map { okFrame(0, t0 + Int64($0) * 5000, $0) })
    let replayer = try await startReplay(reader) { $0.speed = ReplaySpeed(factor: 1000) ?? .normal }
    #expect(await eventually { replayer.isFinished })
    #expect(replayer.status().progress == 1)
    #expect(replayer.switchLateness().count == 2)
    await replayer.stop()
  }

  @Test func discoveryFilesFollowTargetsComingAndGoing() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rr-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Target 1 only exists from 20 s on.
    var frames = (0..<6).map { okFrame(0, t0 + Int64($0) * 5000, $0) }
    frames += (4..<6).map { okFrame(1, t0 + Int64($0) * 5000, $0) }
    let reader = try makeArchive(frames: frames)
    let replayer = try await startReplay(reader) {
      $0.sdFile = dir + "/sd.json"
      $0.raySDFile = dir + "/ray.json"
      $0.speed = ReplaySpeed(factor: 0.001) ?? .normal
    }
    func ray() -> String { (try? String(contentsOfFile: dir + "/ray.json", encoding: .utf8)) ?? "" }
    let first = replayer.addresses[0].address.description
    let second = replayer.addresses[1].address.description
    #expect(await eventually { ray().contains(first) && !ray().contains(second) })
    let sd = try String(contentsOfFile: dir + "/sd.json", encoding: .utf8)
    #expect(sd.contains("\"instance\": \"10.0.0.1:8080\", \"job\": \"ray\", \"ray_io_cluster\": \"c1\""))
    #expect(!sd.contains("10.0.0.2:8080"))
    await replayer.stop()

    let later = try await startReplay(reader) {
      $0.sdFile = dir + "/sd.json"
      $0.raySDFile = dir + "/ray.json"
      $0.fromMs = t0 + 20_000
      $0.speed = ReplaySpeed(factor: 0.001) ?? .normal
    }
    let both = later.addresses.map(\.address.description)
    #expect(await eventually { both.allSatisfy { ray().contains($0) } })
    await later.stop()
  }

  @Test func theStatusEndpointReportsTimeAndHits() async throws {
    let replayer = try await frozenReplay(try Self.faultArchive(), at: t0 + 200)
    let client = try HTTPClient()
    _ = await fetch(client, address(replayer, 1))
    let status = try #require(replayer.statusAddress)
    let result = await fetch(client, status, path: "/")
    let decoded = try JSONDecoder().decode(ReplayStatus.self, from: Data(result.response?.body ?? []))
    #expect(decoded.targets[1].hits == 1)
    #expect(decoded.virtualTimeMs >= t0)
    #expect(decoded.mode == "time")
    await client.shutdown()
    await replayer.stop()
  }

  @Test func aReplayThatNeverStartedStopsAtOnce() async throws {
    let reader = try makeArchive(frames: [okFrame(0, t0, 0)])
    let replayer = try Replayer(reader: reader, plan: try anyPortPlan(reader), options: ReplayOptions())
    await replayer.stop()
    #expect(!replayer.isFinished)
  }

  @Test func aBusyPortIsABindError() async throws {
    let reader = try makeArchive(frames: [okFrame(0, t0, 0), okFrame(1, t0, 0)])
    let first = try await startReplay(reader)
    let taken = first.addresses[0].address
    let plan = PortPlan(entries: [PortPlan.Entry(targetID: 0, original: "10.0.0.1:8080", address: taken)])
    let second = try Replayer(reader: reader, plan: plan, options: ReplayOptions())
    await #expect(throws: ReplayError.self) { try await second.start() }
    await second.stop()
    await first.stop()
  }

  @Test func anEmptyWindowIsAnError() throws {
    let reader = try makeArchive(frames: [okFrame(0, t0, 0)])
    #expect(throws: ReplayError.self) {
      var options = ReplayOptions()
      options.fromMs = t0 + 10
      options.toMs = t0
      _ = try Replayer(reader: reader, plan: try anyPortPlan(reader), options: options)
    }
  }
}
