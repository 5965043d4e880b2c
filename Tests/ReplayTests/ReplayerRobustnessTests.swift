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

  @Test func aThousandIdleConnectionsDoNotDelayAScrape() async throws {
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
    var slowest: Int64 = 0
    for _ in 0..<20 {
      let result = await fetch(client, address)
      #expect(result.response?.body == body(0))
      slowest = max(slowest, result.durationMicros)
    }
    // Generous bound (the scrape takes well under a millisecond): idle peers must cost nothing.
    #expect(slowest < 50_000, "slowest scrape \(slowest) µs with 1000 idle connections")
    for peer in idle { peer.close() }
    await client.shutdown()
    await replayer.stop()
  }
}
