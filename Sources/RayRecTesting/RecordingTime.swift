/// A moment in a recording: its start, its end, an offset from either, or an absolute time.
public enum RecordingTime: Hashable, Sendable, CustomStringConvertible {
  case start
  case end
  /// `start + duration`.
  case afterStart(Duration)
  /// `end - duration`.
  case beforeEnd(Duration)
  /// Unix milliseconds.
  case unixMilliseconds(Int64)

  /// The unix millisecond this names in a recording spanning `start...end`.
  public func resolve(start: Int64, end: Int64) -> Int64 {
    switch self {
    case .start: return start
    case .end: return end
    case .afterStart(let d): return start &+ d.milliseconds
    case .beforeEnd(let d): return end &- d.milliseconds
    case .unixMilliseconds(let ms): return ms
    }
  }

  public var description: String {
    switch self {
    case .start: return "start"
    case .end: return "end"
    case .afterStart(let d): return "start+\(Sparkline.duration(d.milliseconds))"
    case .beforeEnd(let d): return "end-\(Sparkline.duration(d.milliseconds))"
    case .unixMilliseconds(let ms): return Sparkline.time(ms)
    }
  }
}

/// A stretch of a recording that `always`/`eventually`/`never` look at.
public enum RecordingWindow: Hashable, Sendable, CustomStringConvertible {
  /// The whole recording.
  case whole
  /// From one moment to another.
  case between(RecordingTime, RecordingTime)
  /// The first `duration` of the recording.
  case first(Duration)
  /// The last `duration` of the recording.
  case last(Duration)

  /// The window in unix ms for a recording spanning `start...end`, clamped to it.
  public func resolve(start: Int64, end: Int64) -> (Int64, Int64) {
    switch self {
    case .whole: return (start, end)
    case .between(let a, let b): return (a.resolve(start: start, end: end), b.resolve(start: start, end: end))
    case .first(let d): return (start, min(end, start &+ d.milliseconds))
    case .last(let d): return (max(start, end &- d.milliseconds), end)
    }
  }

  public var description: String {
    switch self {
    case .whole: return "the whole recording"
    case .between(let a, let b): return "\(a) ... \(b)"
    case .first(let d): return "the first \(Sparkline.duration(d.milliseconds))"
    case .last(let d): return "the last \(Sparkline.duration(d.milliseconds))"
    }
  }
}

extension Duration {
  /// Whole milliseconds (saturating).
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    return overflow
      ? (seconds < 0 ? Int64.min / 2 : Int64.max / 2) : ms &+ attoseconds / 1_000_000_000_000_000
  }

  /// `count` minutes.
  public static func minutes(_ count: Int) -> Duration { .seconds(count * 60) }
}
