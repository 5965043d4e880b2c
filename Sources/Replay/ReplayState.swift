import Archive
import Foundation
import Glibc
import HTTP
import Synchronization

/// Everything the handler (event-loop thread), the scheduler (its own thread) and the status
/// endpoint share.
final class ReplayState: Sendable {
  let reader: ArchiveReader
  let slots: [TargetSlot]
  let clock: VirtualClock
  let step: Bool
  let timestamps: ReplayOptions.Timestamps
  /// `--loop=continue`: counter increments per pass; nil when counters restart with each pass.
  let continuation: CounterContinuation?
  /// Added to recorded times in `shifted` timestamp mode (set at start).
  let shiftMs = Atomic<Int64>(0)
  /// Monotonic nanoseconds at which the clock started (0 before start).
  let startNanos = Atomic<UInt64>(0)
  let finished = Atomic<Bool>(false)
  /// Listener address to slot index.
  let routes = Mutex<[SocketAddress: Int]>([:])
  let statusListener = Mutex<ListenerID?>(nil)
  /// Step mode: slots that have served their last frame.
  let stepDone = Atomic<Int>(0)
  /// How late each frame switch happened, nanoseconds (time mode).
  let lateness = Mutex<[Int64]>([])

  init(
    reader: ArchiveReader, slots: [TargetSlot], clock: VirtualClock, step: Bool,
    timestamps: ReplayOptions.Timestamps, continuation: CounterContinuation? = nil
  ) {
    self.continuation = continuation
    self.reader = reader
    self.slots = slots
    self.clock = clock
    self.step = step
    self.timestamps = timestamps
  }

  /// What a target answers while `frame` is in effect in pass `pass`: counters carried on and
  /// timestamps written as the options ask.
  func served(_ frame: Frame, pass: Int64) -> ServedFrame {
    var frame = frame
    if let continuation { frame.body = continuation.body(of: frame, pass: pass) }
    return ServedFrame(frame: frame, timestampMs: timestamp(frameMs: frame.timeMs, pass: pass))
  }

  /// The timestamp to write into a frame's samples in pass `pass`, or nil when not writing them.
  func timestamp(frameMs: Int64, pass: Int64) -> Int64? {
    let looped = frameMs &+ pass &* clock.lengthMs
    switch timestamps {
    case .off: return nil
    case .recorded: return looped
    case .shifted: return looped &+ shiftMs.load(ordering: .relaxed)
    }
  }

  func slot(for address: SocketAddress) -> TargetSlot? {
    routes.withLock { $0[address] }.map { slots[$0] }
  }

  /// Where the clock is now.
  func position() -> VirtualClock.Position {
    let start = startNanos.load(ordering: .acquiring)
    if finished.load(ordering: .acquiring) && !step {
      return VirtualClock.Position(timeMs: clock.toMs, loop: 0, finished: true)
    }
    guard start > 0 else { return VirtualClock.Position(timeMs: clock.fromMs, loop: 0, finished: false) }
    let now = monotonicNanos()
    return clock.position(elapsedNanos: now > start ? now - start : 0)
  }

  func status() -> ReplayStatus {
    var targets: [ReplayStatus.Target] = []
    var latest = clock.fromMs
    var stepProgress = 0.0
    for slot in slots {
      let current = slot.current.withLock { $0 }
      let state: String
      switch current?.answer {
      case nil: state = "absent"
      case .respond?: state = "serving"
      case .refused?: state = "refused"
      case .hang?: state = "timeout"
      case .reset?: state = "reset"
      case .close?: state = "closed"
      }
      if let time = current?.timeMs { latest = max(latest, time) }
      if step, !slot.positions.isEmpty {
        let served = slot.stepCount.withLock { $0 }
        stepProgress += min(1, Double(served) / Double(slot.positions.count)) / Double(slots.count)
      }
      targets.append(
        ReplayStatus.Target(
          instance: slot.target.instance, job: slot.target.job,
          address: slot.address.withLock { $0 }.description, state: state, frameTimeMs: current?.timeMs,
          hits: slot.hits.load(ordering: .relaxed)))
    }
    let position = position()
    let done = finished.load(ordering: .acquiring)
    return ReplayStatus(
      mode: step ? "step" : "time", speed: clock.speed.factor,
      virtualTimeMs: step ? latest : position.timeMs, fromMs: clock.fromMs, toMs: clock.toMs,
      loop: position.loop, progress: done ? 1 : (step ? stepProgress : clock.progress(position)),
      finished: done, targets: targets)
  }

  func statusJSON() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return ((try? encoder.encode(status())).map { Array($0) } ?? Array("{}".utf8)) + [0x0A]
  }
}

/// Monotonic clock, nanoseconds.
func monotonicNanos() -> UInt64 {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// Wall clock, unix milliseconds.
func realtimeMs() -> Int64 {
  var spec = timespec()
  clock_gettime(CLOCK_REALTIME, &spec)
  return Int64(spec.tv_sec) &* 1000 &+ Int64(spec.tv_nsec) / 1_000_000
}
