/// Maps wall time to recorded time: `v(now) = from + (now - t0) * speed`, within the window
/// `from...to`, wrapping around when looping.
public struct VirtualClock: Sendable, Hashable {
  /// Where in the recording the clock is.
  public struct Position: Sendable, Hashable {
    /// Recorded unix milliseconds.
    public var timeMs: Int64
    /// How many times the window has wrapped around (0 on the first pass).
    public var loop: Int64
    /// True once the window has been played through (never when looping).
    public var finished: Bool
  }

  /// Window start, recorded unix ms.
  public let fromMs: Int64
  /// Window end, recorded unix ms (at least `fromMs + 1`).
  public let toMs: Int64
  /// Recorded ms per wall ms.
  public let speed: ReplaySpeed
  /// Start over at `fromMs` after `toMs`.
  public let loops: Bool

  /// A clock over `from...to`; an empty window is widened to one millisecond.
  public init(fromMs: Int64, toMs: Int64, speed: ReplaySpeed, loops: Bool = false) {
    self.fromMs = fromMs
    self.toMs = max(toMs, fromMs &+ 1)
    self.speed = speed
    self.loops = loops
  }

  /// Length of one pass in recorded ms.
  public var lengthMs: Int64 { toMs - fromMs }

  /// Where the recording is `elapsedNanos` of wall time after the start.
  public func position(elapsedNanos: UInt64) -> Position {
    let recorded = Double(elapsedNanos) / 1_000_000 * speed.factor
    let length = Double(lengthMs)
    if !loops {
      if recorded >= length { return Position(timeMs: toMs, loop: 0, finished: true) }
      return Position(timeMs: fromMs + Int64(recorded.rounded(.down)), loop: 0, finished: false)
    }
    let pass = (recorded / length).rounded(.down)
    let within = min(recorded - pass * length, length - 1)
    return Position(timeMs: fromMs + Int64(within.rounded(.down)), loop: Int64(pass), finished: false)
  }

  /// Wall nanoseconds after the start at which the clock reaches `timeMs` in pass `loop`.
  ///
  /// Rounded up, so that at that instant ``position(elapsedNanos:)`` has reached `timeMs`.
  public func elapsedNanos(reaching timeMs: Int64, loop: Int64 = 0) -> UInt64 {
    let recorded = Double(timeMs - fromMs) + Double(loop) * Double(lengthMs)
    guard recorded > 0 else { return 0 }
    let nanos = (recorded / speed.factor * 1_000_000).rounded(.up)
    return nanos >= Double(UInt64.max) ? UInt64.max : UInt64(nanos)
  }

  /// Fraction of the window played, 0...1 (of the current pass when looping).
  public func progress(_ position: Position) -> Double {
    if position.finished { return 1 }
    return Double(position.timeMs - fromMs) / Double(lengthMs)
  }
}
