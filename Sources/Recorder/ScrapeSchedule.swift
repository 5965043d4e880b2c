/// When each target is scraped: on a fixed grid of the interval, each target at its own stable
/// offset within it, as Prometheus spreads its scrapes. Times come from the grid, never from
/// "last scrape + interval", so the schedule does not drift however late a scrape runs.
public struct ScrapeSchedule: Sendable, Hashable {
  public var intervalMs: Int64
  /// This target's offset within the interval, from a hash of its URL.
  public var offsetMs: Int64

  public init(intervalMs: Int64, key: String) {
    precondition(intervalMs > 0)
    self.intervalMs = intervalMs
    self.offsetMs = Int64(Self.fnv1a(key) % UInt64(intervalMs))
  }

  /// The first scheduled time at or after `ms`.
  public func next(atOrAfter ms: Int64) -> Int64 {
    let base = ms - mod(ms - offsetMs, intervalMs)
    return base == ms ? ms : base + intervalMs
  }

  /// The first scheduled time strictly after `ms`.
  public func next(after ms: Int64) -> Int64 { next(atOrAfter: ms + 1) }

  private func mod(_ a: Int64, _ b: Int64) -> Int64 {
    let r = a % b
    return r < 0 ? r + b : r
  }

  /// 64-bit FNV-1a: stable across runs and platforms, unlike `Hasher`.
  static func fnv1a(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in text.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }
}
