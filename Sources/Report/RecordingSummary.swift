public import Archive

/// The recording as the report's header shows it: per target, how each scrape ended.
public struct RecordingSummary: Hashable, Sendable {
  /// How one scrape ended, in the strip's colors.
  public enum Outcome: Int, Hashable, Sendable, CaseIterable {
    case up, refused, timeout, http5xx, malformed, other

    /// The name in the strip's key.
    public var title: String {
      switch self {
      case .up: "up"
      case .refused: "refused"
      case .timeout: "timeout"
      case .http5xx: "5xx"
      case .malformed: "malformed"
      case .other: "other failure"
      }
    }

    /// Worse outcomes win when several scrapes share a pixel.
    var severity: Int { self == .up ? 0 : rawValue }

    /// The outcome of a frame.
    public init(_ frame: FrameSummary) {
      switch frame.failure {
      case .refused: self = .refused
      case .timeout: self = .timeout
      case .malformed: self = .malformed
      case .some: self = .other
      case nil:
        if (200..<300).contains(frame.status) {
          self = .up
        } else {
          self = frame.status >= 500 ? .http5xx : .other
        }
      }
    }
  }

  /// One target's scrapes, in time order.
  public struct Target: Hashable, Sendable {
    public var name: String
    public var job: String
    public var times: [Int64]
    public var outcomes: [Outcome]

    /// Creates the value from its parts.
    public init(name: String, job: String, times: [Int64] = [], outcomes: [Outcome] = []) {
      self.name = name
      self.job = job
      self.times = times
      self.outcomes = outcomes
    }

    /// How many scrapes ended with `outcome`.
    public func count(_ outcome: Outcome) -> Int { outcomes.lazy.filter { $0 == outcome }.count }
  }

  public var path: String
  public var startMs: Int64
  public var endMs: Int64
  public var targets: [Target]
  /// Whether the file was closed cleanly (a torn tail is said in the header).
  public var closedCleanly: Bool

  /// Creates the value from its parts.
  public init(path: String, startMs: Int64, endMs: Int64, targets: [Target], closedCleanly: Bool = true) {
    self.path = path
    self.startMs = startMs
    self.endMs = endMs
    self.targets = targets
    self.closedCleanly = closedCleanly
  }

  /// Every target of `reader` with its frames' outcomes.
  public init(reader: ArchiveReader) {
    var byID: [UInt32: Int] = [:]
    var targets: [Target] = []
    for target in reader.targets {
      byID[target.id] = targets.count
      targets.append(Target(name: target.instance, job: target.job))
    }
    var start = Int64.max
    var end = Int64.min
    for frame in reader.frames {
      start = min(start, frame.timeMs)
      end = max(end, frame.timeMs)
      let index: Int
      if let known = byID[frame.targetID] {
        index = known
      } else {
        index = targets.count
        byID[frame.targetID] = index
        targets.append(Target(name: "target \(frame.targetID)", job: ""))
      }
      targets[index].times.append(frame.timeMs)
      targets[index].outcomes.append(Outcome(frame))
    }
    if start > end { (start, end) = (0, 0) }
    self.init(
      path: reader.path, startMs: start, endMs: end, targets: targets, closedCleanly: reader.closedCleanly)
  }

  /// Frames in all.
  public var frames: Int { targets.reduce(0) { $0 + $1.times.count } }
  /// Frames that were not a successful scrape.
  public var failedFrames: Int { targets.reduce(0) { $0 + $1.outcomes.lazy.filter { $0 != .up }.count } }
}
