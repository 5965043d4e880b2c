import Basics
import Foundation
import RemoteWrite
import Synchronization

/// The live line of a remote write push on a terminal: samples, bytes, retries, time left.
/// Redrawn at most ten times a second (progress arrives after every request, from any shard).
final class PushProgressLine: Sendable {
  private let enabled: Bool
  private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ progress: SendProgress) {
    guard enabled else { return }
    let now = ContinuousClock.now
    let due = lastDrawn.withLock { last in
      guard last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
      last = now
      return true
    }
    if due { LiveLine.draw(Self.render(progress)) }
  }

  func clear() { if enabled { LiveLine.clear() } }

  static func render(_ p: SendProgress) -> String {
    let percent = Int(p.fraction * 100)
    let eta = p.remaining.map { "ETA \(DurationText.format(Self.milliseconds($0)))" } ?? "ETA -"
    return
      "remote write \(percent)% | \(p.samplesDelivered) samples | "
      + "\(ByteSize.format(p.bodyBytes)) sent | \(p.requestsDelivered) requests, \(p.retries) retries | "
      + "\(DurationText.format(Self.milliseconds(p.elapsed))), \(eta)"
  }

  static func milliseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
