import CSystem
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Something registered with an ``EventLoop``; its methods run on the loop thread only.
protocol EventHandler: AnyObject {
  /// Readiness flags from `epoll_wait` (edge-triggered).
  func handleEvent(_ flags: UInt32)
  /// The loop is stopping: release the descriptor and fail anything waiting.
  func loopStopped()
}

/// One thread running an edge-triggered `epoll` loop, with timers and a cross-thread task queue.
///
/// Servers and clients share a loop: scraping hundreds of targets and serving hundreds of ports
/// costs one thread, not one per socket. All handler state is confined to the loop thread; other
/// threads talk to it only through ``execute(_:)``.
public final class EventLoop: @unchecked Sendable {
  /// A closure that only touches loop-confined state; it runs on the loop thread only.
  private struct LoopTask: @unchecked Sendable {
    let run: () -> Void
  }

  private struct Shared {
    var tasks: [LoopTask] = []
    var exited = false
    var exitWaiters: [CheckedContinuation<Void, Never>] = []
    var stopRequested = false
  }

  private let epollFD: Int32
  private let wakeFD: Int32
  private let shared = Mutex(Shared())
  private let exitSemaphore = DispatchSemaphore(value: 0)

  // Loop-confined state.
  private var handlers: [UInt64: any EventHandler] = [:]
  private var nextToken: UInt64 = 1
  private var timers = TimerHeap()
  private var running = true
  private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

  /// Creates the epoll instance and starts the loop thread.
  public init(name: String = "rayrec-http") throws(HTTPError) {
    Socket.ignoreSIGPIPE
    let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epollFD >= 0 else { throw .system("epoll_create1", errno: csystem_errno()) }
    let wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
    guard wakeFD >= 0 else {
      let code = csystem_errno()
      Glibc.close(epollFD)
      throw .system("eventfd", errno: code)
    }
    guard csystem_epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, EPOLLIN.rawValue, 0) == 0 else {
      let code = csystem_errno()
      Glibc.close(epollFD)
      Glibc.close(wakeFD)
      throw .system("epoll_ctl eventfd", errno: code)
    }
    self.epollFD = epollFD
    self.wakeFD = wakeFD
    let thread = Thread { [self] in run() }
    thread.name = name
    thread.start()
  }

  /// Runs `work` on the loop thread soon; safe from any thread.
  ///
  /// - Returns: false when the loop is stopping and `work` will never run.
  @discardableResult
  public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
    enqueue(work)
  }

  /// Runs `work` on the loop thread after `delay` (e.g. to answer a deferred request late).
  ///
  /// - Returns: false when the loop is stopping and `work` will never run.
  @discardableResult
  public func execute(after delay: Duration, _ work: @escaping @Sendable () -> Void) -> Bool {
    let deadline = Self.now() &+ delay.nanoseconds
    return enqueue { [self] in _ = schedule(at: deadline, work) }
  }

  /// Like ``execute(_:)`` for loop-confined closures; the caller vouches they only touch loop state.
  @discardableResult
  func enqueue(_ work: @escaping () -> Void) -> Bool {
    let (accepted, wasEmpty) = shared.withLock { state in
      if state.stopRequested { return (false, false) }
      let wasEmpty = state.tasks.isEmpty
      state.tasks.append(LoopTask(run: work))
      return (true, wasEmpty)
    }
    if wasEmpty { wake() }
    return accepted
  }

  /// Stops the loop after the tasks already queued, and waits until its thread has exited.
  public func shutdown() async {
    requestStop()
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let done = shared.withLock { state in
        if state.exited { return true }
        state.exitWaiters.append(continuation)
        return false
      }
      if done { continuation.resume() }
    }
  }

  /// Blocking form of ``shutdown()`` for synchronous code (never call it on the loop thread).
  public func shutdownAndWait() {
    requestStop()
    if shared.withLock({ $0.exited }) { return }
    exitSemaphore.wait()
    exitSemaphore.signal()
  }

  private func requestStop() {
    let first = shared.withLock { state in
      if state.stopRequested { return false }
      state.tasks.append(LoopTask { [self] in running = false })
      state.stopRequested = true
      return true
    }
    if first { wake() }
  }

  private func wake() {
    var one: UInt64 = 1
    _ = Glibc.write(wakeFD, &one, 8)
  }

  // MARK: Loop-thread API

  /// Monotonic time in nanoseconds.
  static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }

  /// Registers `fd` for edge-triggered `events`; returns the token to deregister with.
  func register(_ fd: Int32, events: UInt32, handler: any EventHandler) throws(HTTPError) -> UInt64 {
    let token = nextToken
    nextToken &+= 1
    guard csystem_epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, events | EPOLLET.rawValue, token) == 0 else {
      throw .system("epoll_ctl add", errno: csystem_errno())
    }
    handlers[token] = handler
    return token
  }

  /// Removes `fd` (call before closing it) and forgets its handler.
  func deregister(_ fd: Int32, token: UInt64) {
    _ = csystem_epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, 0, 0)
    handlers[token] = nil
  }

  /// Runs `action` on the loop thread at `deadline` (``now()`` clock) unless cancelled.
  func schedule(at deadline: UInt64, _ action: @escaping () -> Void) -> UInt64 {
    timers.schedule(at: deadline, action)
  }

  /// Lends the loop's 64 KiB read buffer (loop thread only; do not keep it).
  func withScratch<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
    scratch.withUnsafeMutableBytes(body)
  }

  /// Cancels a timer from ``schedule(at:_:)``.
  func cancelTimer(_ id: UInt64) { timers.cancel(id) }

  // MARK: The loop

  private func run() {
    let capacity: Int32 = 256
    guard let events = csystem_epoll_events_alloc(capacity) else { fatalError("out of memory") }
    while running {
      var timeout: Int32 = -1
      if let deadline = timers.nextDeadline() {
        let now = Self.now()
        timeout = deadline <= now ? 0 : Int32(min((deadline - now + 999_999) / 1_000_000, 60_000))
      }
      let count = epoll_wait(epollFD, events, capacity, timeout)
      if count > 0 {
        for index in 0..<Int(count) {
          let token = csystem_epoll_event_data(events, Int32(index))
          if token == 0 {
            var value: UInt64 = 0
            _ = Glibc.read(wakeFD, &value, 8)
          } else if let handler = handlers[token] {
            handler.handleEvent(csystem_epoll_event_flags(events, Int32(index)))
          }
        }
      }
      let tasks = shared.withLock { state in
        defer { state.tasks.removeAll(keepingCapacity: true) }
        return state.tasks
      }
      for task in tasks { task.run() }
      for action in timers.popExpired(now: Self.now()) { action() }
    }
    csystem_epoll_events_free(events)
    for handler in handlers.values { handler.loopStopped() }
    handlers.removeAll()
    Glibc.close(epollFD)
    Glibc.close(wakeFD)
    let waiters = shared.withLock { state in
      state.exited = true
      return state.exitWaiters
    }
    for waiter in waiters { waiter.resume() }
    exitSemaphore.signal()
  }
}
