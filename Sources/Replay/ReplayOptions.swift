public import HTTP

/// How a replay runs. The port plan is separate (``PortPlan``): it depends on the targets.
public struct ReplayOptions: Sendable {
  /// Whether and how explicit sample timestamps are written into served bodies.
  public enum Timestamps: String, Sendable, Equatable {
    /// Bodies as recorded: Prometheus stamps samples with its own scrape time.
    case off
    /// The recorded frame time (plus one window length per loop).
    case recorded
    /// The recorded time shifted so that the end of the window is the moment the replay starts:
    /// the whole window lands in the last `to - from` before now, inside Prometheus's head block.
    case shifted
  }

  /// Recorded time per wall time.
  public var speed = ReplaySpeed.normal
  /// Start over at the end of the window.
  public var loops = false
  /// With ``loops``: counters carry on from pass to pass instead of restarting
  /// (`--loop=continue`, see ``CounterContinuation``).
  public var continuesCounters = false
  /// Each request advances its target by one frame instead of following the clock.
  public var step = false
  /// Window start (recorded unix ms); nil for the first frame.
  public var fromMs: Int64?
  /// Window end (recorded unix ms); nil for the last frame plus one scrape interval.
  public var toMs: Int64?
  /// Prometheus file_sd JSON to keep up to date, if any.
  public var sdFile: String?
  /// Ray's discovery-file JSON to keep up to date, if any.
  public var raySDFile: String?
  /// Leave the discovery files listing the targets when the replay stops; by default they are
  /// rewritten empty, so a Prometheus that follows them drops the targets instead of alerting
  /// on them as down.
  public var keepDiscoveryFiles = false
  /// Sample timestamps in served bodies.
  public var timestamps = Timestamps.off
  /// Where the status endpoint listens; nil for none.
  public var statusAddress: SocketAddress? = SocketAddress(host: "127.0.0.1", port: 0)
  /// Limits of the HTTP server.
  public var server = HTTPServer.Configuration()

  /// Defaults: speed 1, the whole recording once, no timestamps.
  public init() {}
}

extension ReplaySpeed {
  /// Real time.
  public static let normal = ReplaySpeed(uncheckedFactor: 1)
}
