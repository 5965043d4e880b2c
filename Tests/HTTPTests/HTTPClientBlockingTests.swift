import Dispatch
import Foundation
import Synchronization
import Testing

@testable import HTTP

/// `sendAndWait`, the blocking bridge synchronous code (test assertions) uses, called where it
/// is risky: on the cooperative pool's own threads.
@Suite(.timeLimit(.minutes(2))) struct HTTPClientBlockingTests {
  /// Holds every request until `count` have arrived, then answers them all; answers whoever came
  /// after `patience` anyway, so a broken bridge fails the test instead of hanging it.
  final class Barrier: Sendable {
    let count: Int
    private let waiting = Mutex<[HTTPResponder]>([])
    private let released = Mutex(false)
    let arrivedTogether = Mutex(false)

    init(count: Int) { self.count = count }

    func arrive(_ responder: HTTPResponder) {
      let everyone = waiting.withLock { list -> [HTTPResponder]? in
        list.append(responder)
        return list.count == count ? list : nil
      }
      if let everyone {
        arrivedTogether.withLock { $0 = true }
        release(everyone)
      } else if waiting.withLock({ $0.count }) == 1 {
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { [self] in release(waiting.withLock { $0 })
        }
      }
    }

    private func release(_ responders: [HTTPResponder]) {
      let first = released.withLock { done -> Bool in
        if done { return false }
        done = true
        return true
      }
      guard first else { return }
      for responder in responders { responder.respond(.response(.text("together"))) }
    }
  }

  @Test func blockingSendsOnEveryPoolThreadAtOnceAllComplete() async throws {
    // As many blocked callers as the pool has threads: the answers come only once all of them
    // wait, so no pool thread is free while the exchanges finish.
    let barrier = Barrier(count: max(2, ProcessInfo.processInfo.activeProcessorCount))
    let (server, port) = try startServer { _, context in
      barrier.arrive(context.responder())
      return .deferred
    }
    let client = try HTTPClient()
    let bodies = await withTaskGroup(of: String.self) { group in
      for index in 0..<barrier.count {
        group.addTask {
          let request = HTTPClientRequest(
            url: HTTPURL(host: "127.0.0.1", port: port, target: "/\(index)"), timeout: .seconds(30))
          let response = try? client.sendAndWait(request)
          return response.map { String(decoding: $0.body, as: UTF8.self) } ?? "failed"
        }
      }
      var all: [String] = []
      for await body in group { all.append(body) }
      return all
    }
    await server.stop()
    await client.shutdown()
    #expect(bodies == Array(repeating: "together", count: barrier.count))
    #expect(barrier.arrivedTogether.withLock { $0 })
  }

  @Test func aBlockingSendEndsAtTheRequestTimeout() throws {
    let raw = try RawServer([.sleep(milliseconds: 1500)])
    let client = try HTTPClient()
    defer { client.loop.shutdownAndWait() }
    let result = client.scrapeAndWait(HTTPClientRequest(url: raw.url, timeout: .milliseconds(200)))
    #expect(result.error?.kind == .readTimeout)
  }

  @Test func aBlockingSendReadsTheResponse() async throws {
    let (server, port) = try startServer { request, _ in .response(.text("seen \(request.target)")) }
    let client = try HTTPClient()
    let response = try client.sendAndWait(
      HTTPClientRequest(url: try HTTPURL(parsing: "http://localhost:\(port)/a?b=c")))
    await server.stop()
    await client.shutdown()
    #expect(response.status == 200)
    #expect(response.body == Array("seen /a?b=c".utf8))
  }

  @Test func aBlockingSendOnAShutDownClientFailsAtOnce() async throws {
    let client = try HTTPClient()
    await client.shutdown()
    let result = client.scrapeAndWait(HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: 9)))
    #expect(result.error?.kind == .cancelled)
  }
}
