import Synchronization
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct TimerHeapTests {
  @Test func firesDueTimersInDeadlineOrderAndSkipsCancelledOnes() {
    var heap = TimerHeap()
    let fired = Mutex<[Int]>([])
    for deadline in [50, 10, 40, 20, 30] {
      _ = heap.schedule(at: UInt64(deadline)) { fired.withLock { $0.append(deadline) } }
    }
    let cancelled = heap.schedule(at: 15) { fired.withLock { $0.append(15) } }
    heap.cancel(cancelled)
    #expect(heap.nextDeadline() == 10)
    for action in heap.popExpired(now: 35) { action() }
    #expect(fired.withLock { $0 } == [10, 20, 30])
    #expect(heap.nextDeadline() == 40)
    for action in heap.popExpired(now: 100) { action() }
    #expect(fired.withLock { $0 } == [10, 20, 30, 40, 50])
    #expect(heap.nextDeadline() == nil)
  }
}
