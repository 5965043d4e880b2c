import Synchronization
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct EventLoopTests {
  @Test func runsTasksAndTimersOnItsThreadThenStops() async throws {
    let loop = try EventLoop(name: "test-loop")
    let order = Mutex<[String]>([])
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      loop.execute {
        _ = loop.schedule(at: EventLoop.now() &+ 20_000_000) {
          order.withLock { $0.append("timer") }
          continuation.resume()
        }
        order.withLock { $0.append("task") }
      }
    }
    await loop.shutdown()
    #expect(order.withLock { $0 } == ["task", "timer"])
    #expect(!loop.execute {})
  }

  @Test func cancelledTimersNeverFire() async throws {
    let loop = try EventLoop()
    let fired = Mutex(false)
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      loop.execute {
        let id = loop.schedule(at: EventLoop.now() &+ 10_000_000) { fired.withLock { $0 = true } }
        loop.cancelTimer(id)
        _ = loop.schedule(at: EventLoop.now() &+ 30_000_000) { continuation.resume() }
      }
    }
    await loop.shutdown()
    #expect(!fired.withLock { $0 })
  }

  @Test func runsDelayedWork() async throws {
    let loop = try EventLoop()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      loop.execute(after: .milliseconds(20)) { continuation.resume() }
    }
    await loop.shutdown()
  }
}
