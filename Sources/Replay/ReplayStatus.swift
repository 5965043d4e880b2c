/// A snapshot of a running replay, as the status endpoint serves it (JSON).
public struct ReplayStatus: Sendable, Codable, Equatable {
  /// One target.
  public struct Target: Sendable, Codable, Equatable {
    /// Original `host:port`.
    public var instance: String
    /// Recorded job.
    public var job: String
    /// Where it is served.
    public var address: String
    /// `serving`, `refused`, `timeout`, `reset`, `closed` or `absent`.
    public var state: String
    /// Recorded time of the frame in effect.
    public var frameTimeMs: Int64?
    /// Requests answered so far.
    public var hits: Int
  }

  /// `time` (follows the clock) or `step` (one frame per request).
  public var mode: String
  /// Recorded ms per wall ms.
  public var speed: Double
  /// The recorded time the replay is at.
  public var virtualTimeMs: Int64
  /// Window start and end, recorded unix ms.
  public var fromMs: Int64
  public var toMs: Int64
  /// Completed passes when looping.
  public var loop: Int64
  /// 0...1 of the window (of the current pass when looping).
  public var progress: Double
  /// True once the replay has played its window (it then stops).
  public var finished: Bool
  /// Per target.
  public var targets: [Target]

  /// One line for a terminal.
  public var line: String {
    let hits = targets.reduce(0) { $0 + $1.hits }
    let serving = targets.filter { $0.state == "serving" }.count
    let percent = String(Int((progress * 100).rounded(.down)))
    return "\(mode) \(percent)% loop \(loop) | targets \(serving)/\(targets.count) serving | \(hits) hits"
  }
}
