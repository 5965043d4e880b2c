public import Archive
import Dispatch
import Foundation
public import HTTP
import Synchronization

/// Serves an archive again: every target on its planned address, answering at each moment with
/// the frame in effect at the virtual time (or, in step mode, with its next frame per request).
///
/// `start()` binds every listener and starts a scheduler thread that switches frames on time:
/// it decodes and prepares the next frame ahead, sleeps until its wall-clock deadline, swaps it
/// in, and opens or closes listeners for refused spans. The handler only reads the prepared
/// answer, so requests never wait for decoding.
public final class Replayer: Sendable {
  /// Where each target is served.
  public let plan: PortPlan
  /// The options in force.
  public let options: ReplayOptions
  let state: ReplayState
  let server: HTTPServer
  let stopRequested = Atomic<Bool>(false)
  let schedulerDone = DispatchSemaphore(value: 0)
  /// Set once the scheduler (or step mode) is running; ``stop()`` only waits for it then.
  let started = Atomic<Bool>(false)
  let listenerIDs: Mutex<[Int: ListenerID]> = Mutex([:])
  let statusBound = Mutex<SocketAddress?>(nil)

  /// Prepares a replay of `reader` (nothing is bound yet).
  ///
  /// - Throws: ``ReplayError/emptyWindow(message:)`` when no frame falls in the window.
  public init(reader: ArchiveReader, plan: PortPlan, options: ReplayOptions) throws(ReplayError) {
    self.plan = plan
    self.options = options
    let stats = reader.stats
    guard let first = stats.firstTimeMs, let last = stats.lastTimeMs else {
      throw .emptyWindow(message: "\(reader.path): the archive has no frames")
    }
    let interval = reader.targets.map(\.intervalMs).max() ?? 0
    let from = options.fromMs ?? first
    let to = options.toMs ?? (last &+ max(interval, 1))
    guard to > from else {
      throw .emptyWindow(message: "the window is empty: --to must be after --from")
    }
    var windows: [UInt32: (positions: [Int], first: Int64, last: Int64)] = [:]
    for (position, frame) in reader.frames.enumerated() {
      var window = windows[frame.targetID] ?? ([], Int64.max, Int64.min)
      window.first = min(window.first, frame.timeMs)
      window.last = max(window.last, frame.timeMs)
      if frame.timeMs >= from && frame.timeMs < to { window.positions.append(position) }
      windows[frame.targetID] = window
    }
    var slots: [TargetSlot] = []
    for entry in plan.entries {
      guard let target = reader.target(id: entry.targetID), let window = windows[target.id] else { continue }
      var positions = window.positions
      let firstMs = window.first
      let lastMs = window.last
      positions.sort { (reader.frames[$0].timeMs, $0) < (reader.frames[$1].timeMs, $1) }
      guard firstMs <= lastMs else { continue }
      slots.append(
        TargetSlot(
          target: target, address: entry.address, positions: positions, firstMs: firstMs, lastMs: lastMs))
    }
    guard slots.contains(where: { !$0.positions.isEmpty }) || !options.step else {
      throw .emptyWindow(message: "no frame between --from and --to")
    }
    let clock = VirtualClock(fromMs: from, toMs: to, speed: options.speed, loops: options.loops)
    let continuation =
      options.loops && options.continuesCounters
      ? CounterContinuation(
        reader: reader,
        positions: Dictionary(slots.map { ($0.target.id, $0.positions) }, uniquingKeysWith: { $0 + $1 }))
      : nil
    state = ReplayState(
      reader: reader, slots: slots, clock: clock, step: options.step, timestamps: options.timestamps,
      continuation: continuation)
    do {
      server = try HTTPServer(configuration: options.server, handler: ReplayHandler(state: state))
    } catch {
      throw .bind(address: "-", message: error.description)
    }
  }

  /// The clock (window and speed).
  public var clock: VirtualClock { state.clock }

  /// Where each target really listens (kernel ports filled in for port 0), in plan order.
  public var addresses: [(original: String, address: SocketAddress)] {
    state.slots.map { ($0.target.instance, $0.address.withLock { $0 }) }
  }

  /// The status endpoint's address, once started.
  public var statusAddress: SocketAddress? { statusBound.withLock { $0 } }

  /// True once the window has been played (time mode, not looping) or every frame has been
  /// served (step mode).
  /// Added to recorded times under `--timestamps shifted` (fixed when the replay starts).
  public var timestampShiftMs: Int64 { state.shiftMs.load(ordering: .relaxed) }

  public var isFinished: Bool { state.finished.load(ordering: .acquiring) }

  /// A snapshot for the status endpoint or a status line.
  public func status() -> ReplayStatus { state.status() }

  /// How late each frame switch came, nanoseconds after its deadline (time mode).
  public func switchLateness() -> [Int64] { state.lateness.withLock { $0 } }

  /// Binds every target and the status endpoint, writes the discovery files, starts the clock.
  public func start() async throws(ReplayError) {
    for (index, slot) in state.slots.enumerated() {
      let planned = slot.address.withLock { $0 }
      do {
        let bound = try server.addListener(planned)
        slot.address.withLock { $0 = bound.address }
        state.routes.withLock { $0[bound.address] = index }
        listenerIDs.withLock { $0[index] = bound.id }
      } catch {
        Task { [server] in await server.stop() }
        let original = slot.target.instance
        throw .bind(
          address: planned.description,
          message:
            "\(error.description) (serving target \(original)); move it with --port-offset N (every port +N) or --map \(original)=127.0.0.1:PORT (PORT 0: any free port)"
        )
      }
    }
    if let address = options.statusAddress {
      do {
        let bound = try server.addListener(address)
        state.statusListener.withLock { $0 = bound.id }
        statusBound.withLock { $0 = bound.address }
      } catch {
        Task { [server] in await server.stop() }
        throw .bind(address: address.description, message: error.description)
      }
    }
    state.shiftMs.store(realtimeMs() &- state.clock.toMs, ordering: .relaxed)
    if state.step {
      for slot in state.slots where !slot.positions.isEmpty {
        if let frame = try? state.reader.frame(atPosition: slot.positions[0]) {
          slot.current.withLock { $0 = ServedFrame(frame: frame) }
        }
      }
      try writeDiscovery(existing: state.slots.map { _ in true })
      state.startNanos.store(monotonicNanos(), ordering: .releasing)
      started.store(true, ordering: .releasing)
      schedulerDone.signal()
      return
    }
    // Written here as well as by the scheduler, so that an unwritable path fails the start.
    try writeDiscovery(existing: state.slots.map { existsAtStart($0) })
    // Frames are decoded and prepared ahead on a thread of their own; the clock starts once a
    // queue's worth is ready, so even the first switches of a fast replay come on time. The
    // waiting happens off the cooperative pool: the scheduler needs it to close listeners.
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      DispatchQueue.global().async { [self] in
        let queue = PrepareQueue(capacity: 64) { [self] in stopRequested.load(ordering: .acquiring) }
        let producer = Thread { [self] in produce(into: queue) }
        producer.name = "rayrec-replay-prepare"
        producer.start()
        queue.waitUntilFull(limit: .seconds(2))
        state.startNanos.store(monotonicNanos(), ordering: .releasing)
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
          runSchedule(queue, ready: ready)
          schedulerDone.signal()
        }
        thread.name = "rayrec-replay-clock"
        started.store(true, ordering: .releasing)
        thread.start()
        // Return once the answers at the window start are in place: a request right after
        // start() sees the first frames, never an empty target.
        ready.wait()
        continuation.resume()
      }
    }
  }

  /// Stops the clock and closes every listener and connection, then empties the discovery files
  /// (atomically) unless ``ReplayOptions/keepDiscoveryFiles``.
  public func stop() async {
    stopRequested.store(true, ordering: .releasing)
    guard started.load(ordering: .acquiring) else {
      await server.stop()
      return
    }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      DispatchQueue.global().async { [schedulerDone] in
        schedulerDone.wait()
        schedulerDone.signal()
        continuation.resume()
      }
    }
    await server.stop()
    if !options.keepDiscoveryFiles { try? writeDiscovery(existing: state.slots.map { _ in false }) }
  }

  /// Writes the discovery files for the targets that exist now.
  func writeDiscovery(existing: [Bool]) throws(ReplayError) {
    guard options.sdFile != nil || options.raySDFile != nil else { return }
    var served: [DiscoveryFiles.Served] = []
    for (index, slot) in state.slots.enumerated() where existing[index] {
      served.append((slot.address.withLock { $0 }, slot.target))
    }
    if let path = options.sdFile { try DiscoveryFiles.write(DiscoveryFiles.fileSD(served), to: path) }
    if let path = options.raySDFile { try DiscoveryFiles.write(DiscoveryFiles.raySD(served), to: path) }
  }
}
