import Archive
import Foundation
import HTTP
import Testing

@testable import Replay

/// The status endpoint answers GET and HEAD on `/` only, as the other servers do.
@Suite(.timeLimit(.minutes(2)))
struct ReplayStatusEndpointTests {
  @Test func onlyGetOrHeadOfTheRootIsTheStatus() async throws {
    let replayer = try await frozenReplay(try ReplayerTests.faultArchive(), at: t0 + 200)
    let client = try HTTPClient()
    let address = try #require(replayer.statusAddress)
    let status = await fetch(client, address, path: "/")
    #expect(status.response?.status == 200)
    #expect(status.response?.contentType == "application/json")
    #expect(await fetch(client, address, path: "/", method: "HEAD").response?.status == 200)
    #expect(await fetch(client, address, path: "/metrics").response?.status == 404)
    let post = await fetch(client, address, path: "/", method: "POST")
    #expect(post.response?.status == 405)
    #expect(post.response?.headers["Allow"] == "GET, HEAD")
    await client.shutdown()
    await replayer.stop()
  }
}
