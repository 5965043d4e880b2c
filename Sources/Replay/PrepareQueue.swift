import Dispatch
import Glibc
import Synchronization

/// A bounded hand-off between the thread that decodes and prepares frames ahead of time and the
/// thread that swaps them in on schedule, so that a slow decode never delays a switch that is
/// already prepared. Both sides give up when `stopped` says so.
final class PrepareQueue: Sendable {
  /// One step of the schedule.
  enum Item: Sendable {
    /// Answers that take effect at recorded `timeMs` in pass `pass` (slot index, answer or nil).
    case changes(timeMs: Int64, pass: Int64, [Change], initial: Bool)
    /// The end of pass `pass`.
    case end(pass: Int64)
  }

  /// A slot's new answer.
  struct Change: Sendable {
    var slot: Int
    var served: ServedFrame?
  }

  private let items = Mutex<[Item]>([])
  private let done = Atomic<Bool>(false)
  let capacity: Int
  private let available = DispatchSemaphore(value: 0)
  private let space: DispatchSemaphore
  private let stopped: @Sendable () -> Bool

  init(capacity: Int, stopped: @escaping @Sendable () -> Bool) {
    // Created at 0 and raised: libdispatch traps when a semaphore is freed below its initial
    // value, which a queue dropped while holding items would be.
    space = DispatchSemaphore(value: 0)
    for _ in 0..<capacity { space.signal() }
    self.capacity = capacity
    self.stopped = stopped
  }

  /// Appends, waiting while the queue is full; false once stopped.
  func put(_ item: Item) -> Bool {
    while space.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if stopped() { return false }
    }
    items.withLock { $0.append(item) }
    available.signal()
    return true
  }

  /// The producer has put its last item.
  func finish() { done.store(true, ordering: .releasing) }

  /// Waits until the queue is full or the producer has finished (at most `limit`), so that the
  /// clock starts with work prepared ahead.
  func waitUntilFull(limit: Duration) {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline && !done.load(ordering: .acquiring) && !stopped() {
      if items.withLock({ $0.count }) >= capacity { return }
      usleep(1000)
    }
  }

  /// The next item, waiting while the queue is empty; nil once stopped.
  func take() -> Item? {
    while available.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if stopped() { return nil }
    }
    let item = items.withLock { $0.removeFirst() }
    space.signal()
    return item
  }
}
