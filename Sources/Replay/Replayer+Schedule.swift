import Archive
import Dispatch
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
    return ServedFrame(frame: frame, timestampMs: state.timestamp(frameMs: frame.timeMs, pass: pass))
  }

  /// The scheduler thread: prepare the next change, sleep until its deadline, apply it.
  func runSchedule() {
    let events = events()
    let clock = state.clock
    let start = state.startNanos.load(ordering: .acquiring)
    var listening = Array(repeating: true, count: state.slots.count)
    var existing = state.slots.map { existsAtStart($0) }
    var pass: Int64 = 0
    while true {
      let initial = state.slots.map { initialAnswer($0, pass: pass) }
      guard sleep(until: start &+ clock.elapsedNanos(reaching: clock.fromMs, loop: pass)) else { return }
      for (index, served) in initial.enumerated() {
        apply(served, to: index, listening: &listening, existing: &existing)
      }
      try? writeDiscovery(existing: existing)
      var next = 0
      while next < events.count {
        let time = events[next].timeMs
        var batch: [(Int, ServedFrame?)] = []
        while next < events.count && events[next].timeMs == time {
          let event = events[next]
          batch.append((event.slot, prepare(event, pass: pass)))
          next += 1
        }
        let deadline = start &+ clock.elapsedNanos(reaching: time, loop: pass)
        guard sleep(until: deadline) else { return }
        let before = existing
        for (index, served) in batch { apply(served, to: index, listening: &listening, existing: &existing) }
        let now = monotonicNanos()
        state.lateness.withLock { $0.append(Int64(bitPattern: now &- deadline)) }
        if before != existing { try? writeDiscovery(existing: existing) }
      }
      guard sleep(until: start &+ clock.elapsedNanos(reaching: clock.toMs, loop: pass)) else { return }
      if !clock.loops {
        state.finished.store(true, ordering: .releasing)
        return
      }
      pass += 1
    }
  }

  /// Decodes and prepares the answer an event brings (gzip too, once clients ask for it).
  func prepare(_ event: Event, pass: Int64) -> ServedFrame? {
    guard let position = event.position, let frame = try? state.reader.frame(atPosition: position) else {
      return nil
    }
    let served = ServedFrame(frame: frame, timestampMs: state.timestamp(frameMs: frame.timeMs, pass: pass))
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
