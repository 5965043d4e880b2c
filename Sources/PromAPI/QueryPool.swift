import Foundation
import Synchronization

/// A fixed number of threads that run requests in arrival order, off the event loop, with a
/// bounded waiting line: Prometheus's `--query.max-concurrency` and its queue.
final class QueryPool: Sendable {
  private struct State {
    var jobs: [@Sendable () -> Void] = []
    var head = 0
    var stopped = false
  }

  private let state = Mutex(State())
  private let available = DispatchSemaphore(value: 0)
  /// Jobs waiting beyond this are refused.
  let maxQueued: Int
  let workers: Int

  init(workers: Int, maxQueued: Int) {
    self.workers = max(1, workers)
    self.maxQueued = maxQueued
    for index in 0..<self.workers {
      let thread = Thread { [self] in self.work() }
      thread.name = "rayrec-query-\(index)"
      // Deep PromQL trees recurse; give evaluation room (the engine checks the stack it has).
      thread.stackSize = 16 << 20
      thread.start()
    }
  }

  /// Queues `job`; false when the waiting line is full.
  func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
    let accepted = state.withLock { state -> Bool in
      guard !state.stopped, state.jobs.count - state.head < maxQueued else { return false }
      state.jobs.append(job)
      return true
    }
    if accepted { available.signal() }
    return accepted
  }

  /// Lets the workers finish what they run and exit.
  func stop() {
    state.withLock { $0.stopped = true }
    for _ in 0..<workers { available.signal() }
  }

  private func work() {
    while true {
      available.wait()
      let job = state.withLock { state -> (@Sendable () -> Void)? in
        guard state.head < state.jobs.count else { return nil }
        let job = state.jobs[state.head]
        state.head += 1
        if state.head > 1024, state.head * 2 > state.jobs.count {
          state.jobs.removeFirst(state.head)
          state.head = 0
        }
        return job
      }
      guard let job else {
        if state.withLock({ $0.stopped }) { return }
        continue
      }
      job()
    }
  }
}
