import Archive
import Dispatch
import Foundation
import HTTP
import Testing

@testable import Replay

/// Bad and idle clients do not hurt the scrapes of well-behaved ones.
@Suite(.timeLimit(.minutes(5)), .serialized) struct ReplayerRobustnessTests {
  static func archive() throws -> ArchiveReader {
    try makeArchive(frames: [okFrame(0, t0, 0), okFrame(1, t0, 0)])
  }

  @Test func malformedOversizedAndSlowRequestsGetErrorsAndServingGoesOn() async throws {
    let replayer = try await startReplay(try Self.archive()) { options in
      options.server.requestTimeout = .milliseconds(300)
      options.server.maxHeadBytes = 4096
      options.speed = ReplaySpeed(factor: 0.001) ?? .normal
    }
    let port = replayer.addresses[0].address.port
    let statuses: [Int] = await withCheckedContinuation { continuation in
      Thread {
        var statuses: [Int] = []
        let requests = [
          "GARBAGE\r\n\r\n",
          "GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 8000))\r\n\r\n",
          "GET / HTTP/1.1\r\nHo",
        ]
        for request in requests {
          guard let client = RawClient(port: port) else { break }
          client.send(request)
          statuses.append(client.status())
          client.close()
        }
        continuation.resume(returning: statuses)
      }.start()
    }
    #expect(statuses == [400, 431, 408])
    let client = try HTTPClient()
    #expect(await fetch(client, replayer.addresses[0].address).response?.body == body(0))
    await client.shutdown()
    await replayer.stop()
  }

  /// Raises the soft descriptor limit towards the hard one; true when `needed` fit under it.
  static func descriptorsAvailable(_ needed: Int) -> Bool {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return false }
    if limit.rlim_cur < rlim_t(needed) {
      limit.rlim_cur = min(limit.rlim_max, rlim_t(needed))
      _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
      _ = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
    return limit.rlim_cur >= rlim_t(needed)
  }

  /// Both ends of 1000 connections live in this process: about 2,000 descriptors.
  @Test(.enabled(if: descriptorsAvailable(2_200), "needs 2,200 file descriptors (RLIMIT_NOFILE)"))
  func aThousandIdleConnectionsDoNotStopScrapes() async throws {
    let replayer = try await startReplay(try Self.archive()) {
      $0.speed = ReplaySpeed(factor: 0.001) ?? .normal
    }
    let address = replayer.addresses[0].address
    let idle: [RawClient] = await withCheckedContinuation { continuation in
      Thread {
        var clients: [RawClient] = []
        for _ in 0..<1000 {
          guard let client = RawClient(port: address.port) else { break }
          clients.append(client)
        }
        continuation.resume(returning: clients)
      }.start()
    }
    #expect(idle.count == 1000)
    let client = try HTTPClient()
    for _ in 0..<20 {
      let result = await fetch(client, address)
      #expect(result.response?.body == body(0))
    }
    // The idle peers were held open all along, not dropped to make room: one of them still
    // gets its answer.
    let answered: Int = await withCheckedContinuation { continuation in
      Thread {
        idle[0].send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        continuation.resume(returning: idle[0].status())
      }.start()
    }
    #expect(answered == 200)
    for peer in idle { peer.close() }
    await client.shutdown()
    await replayer.stop()
  }
}
