import Archive
import HTTP
import Synchronization

/// One replayed target's shared state: the frame in effect (set by the scheduler, read by the
/// handler on the event loop), its hit counter and, in step mode, its next frame.
final class TargetSlot: Sendable {
  let target: ArchiveTarget
  /// The address it listens on (the kernel's port once bound, when the plan said 0).
  let address: Mutex<SocketAddress>
  /// The answer in effect; nil while the target does not exist (before its first frame, after
  /// its last).
  let current = Mutex<ServedFrame?>(nil)
  let hits = Atomic<Int>(0)
  /// Set once a client asked for gzip: the scheduler then compresses frames ahead of time.
  let wantsGzip = Atomic<Bool>(false)
  /// Positions in the archive's frame list of this target's frames inside the window (step mode).
  let positions: [Int]
  /// Step mode: how many requests have been answered with a frame.
  let stepCount = Mutex<Int>(0)
  /// First and last frame times of the target (in the whole archive).
  let firstMs: Int64
  let lastMs: Int64

  init(target: ArchiveTarget, address: SocketAddress, positions: [Int], firstMs: Int64, lastMs: Int64) {
    self.target = target
    self.address = Mutex(address)
    self.positions = positions
    self.firstMs = firstMs
    self.lastMs = lastMs
  }

  /// Until when the target exists after its last frame: one scrape interval (1 ms if unknown).
  var goneMs: Int64 { lastMs &+ max(target.intervalMs, 1) }
}
