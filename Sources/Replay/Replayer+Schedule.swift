import Archive
import Dispatch
import Foundation
import Glibc
import HTTP
import Synchronization

extension Replayer {
  /// A moment at which a target's answer changes: a new frame, or the target goes away.
  struct Event {
    var timeMs: Int64
    var slot: Int
    /// Position of the frame in the archive; nil when the target goes away.
    var position: Int?
  }

  /// Every change after the window start, in time order.
  func events() -> [Event] {
    let from = state.clock.fromMs
    let to = state.clock.toMs
    var events: [Event] = []
    for (index, slot) in state.slots.enumerated() {
      for position in slot.positions where state.reader.frames[position].timeMs > from {
        events.append(Event(timeMs: state.reader.frames[position].timeMs, slot: index, position: position))
      }
      if slot.goneMs > from && slot.goneMs < to {
        events.append(Event(timeMs: slot.goneMs, slot: index, position: nil))
      }
    }
    return events.enumerated().sorted {
      ($0.element.timeMs, $0.element.slot, $0.offset) < ($1.element.timeMs, $1.element.slot, $1.offset)
    }.map(\.element)
  }

  /// Whether a target exists at the window start.
  func existsAtStart(_ slot: TargetSlot) -> Bool {
    slot.firstMs <= state.clock.fromMs && state.clock.fromMs < slot.goneMs
  }

  /// The answer in effect at the window start, in pass `pass`.
  func initialAnswer(_ slot: TargetSlot, pass: Int64) -> ServedFrame? {
    guard existsAtStart(slot),
      let frame = try? state.reader.frame(target: slot.target.id, at: state.clock.fromMs)
    else { return nil }
    return state.served(frame, pass: pass)
  }

  /// The scheduler: a producer thread decodes and prepares changes ahead (up to a bounded
  /// number), this thread sleeps until each change's deadline and swaps it in.
  func runSchedule(_ queue: PrepareQueue, ready: DispatchSemaphore) {
    var signalled = false
    defer { if !signalled { ready.signal() } }
    let clock = state.clock
    let start = state.startNanos.load(ordering: .acquiring)
    var listening = Array(repeating: true, count: state.slots.count)
    var existing = state.slots.map { existsAtStart($0) }
    while let item = queue.take() {
      switch item {
      case .changes(let time, let pass, let changes, let initial):
        let deadline = start &+ clock.elapsedNanos(reaching: time, loop: pass)
        guard sleep(until: deadline) else { return }
        let before = existing
        for change in changes {
          apply(change.served, to: change.slot, listening: &listening, existing: &existing)
        }
        let now = monotonicNanos()
        if !initial { state.lateness.withLock { $0.append(Int64(bitPattern: now &- deadline)) } }
        if initial || before != existing { try? writeDiscovery(existing: existing) }
        if !signalled {
          signalled = true
          ready.signal()
        }
      case .end(let pass):
        guard sleep(until: start &+ clock.elapsedNanos(reaching: clock.toMs, loop: pass)) else { return }
        if !clock.loops {
          state.finished.store(true, ordering: .releasing)
          return
        }
      }
    }
  }

  /// The producer: every change of every pass, in order, prepared.
  func produce(into queue: PrepareQueue) {
    defer { queue.finish() }
    let events = events()
    var pass: Int64 = 0
    while true {
      let initial = state.slots.enumerated().map { index, slot in
        PrepareQueue.Change(slot: index, served: initialAnswer(slot, pass: pass))
      }
      guard queue.put(.changes(timeMs: state.clock.fromMs, pass: pass, initial, initial: true)) else {
        return
      }
      var next = 0
      while next < events.count {
        let time = events[next].timeMs
        var batch: [PrepareQueue.Change] = []
        while next < events.count && events[next].timeMs == time {
          batch.append(
            PrepareQueue.Change(slot: events[next].slot, served: prepare(events[next], pass: pass)))
          next += 1
        }
        guard queue.put(.changes(timeMs: time, pass: pass, batch, initial: false)) else { return }
      }
      guard queue.put(.end(pass: pass)), state.clock.loops else { return }
      pass += 1
    }
  }

  /// Decodes and prepares the answer an event brings (gzip too, once clients ask for it).
  func prepare(_ event: Event, pass: Int64) -> ServedFrame? {
    guard let position = event.position, let frame = try? state.reader.frame(atPosition: position) else {
      return nil
    }
    let served = state.served(frame, pass: pass)
    if state.slots[event.slot].wantsGzip.load(ordering: .relaxed) { served.precompress() }
    return served
  }

  /// Swaps in an answer and opens or closes the target's listener to match.
  func apply(_ served: ServedFrame?, to index: Int, listening: inout [Bool], existing: inout [Bool]) {
    let slot = state.slots[index]
    existing[index] = served != nil
    let listens = served?.listens ?? false
    // Close the port before the new answer shows (and open it after), so that once the status
    // says "refused" connections really are refused.
    if listens || listens == listening[index] { slot.current.withLock { $0 = served } }
    guard listens != listening[index] else { return }
    defer { if !listens { slot.current.withLock { $0 = served } } }
    if listens {
      let address = slot.address.withLock { $0 }
      guard let bound = try? server.addListener(address) else { return }
      state.routes.withLock { $0[bound.address] = index }
      listenerIDs.withLock { $0[index] = bound.id }
    } else if let id = listenerIDs.withLock({ $0.removeValue(forKey: index) }) {
      let done = DispatchSemaphore(value: 0)
      Task { [server] in
        await server.removeListener(id)
        done.signal()
      }
      done.wait()
    }
    listening[index] = listens
  }

  /// Sleeps until the monotonic `deadline`; false when a stop was requested meanwhile.
  func sleep(until deadline: UInt64) -> Bool {
    while true {
      if stopRequested.load(ordering: .acquiring) { return false }
      let now = monotonicNanos()
      if now >= deadline { return true }
      let wake = min(deadline, now &+ 50_000_000)
      var spec = timespec(tv_sec: Int(wake / 1_000_000_000), tv_nsec: Int(wake % 1_000_000_000))
      _ = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil)
    }
  }
}
