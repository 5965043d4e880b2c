/// One endpoint of the simulated cluster, as a scraper sees it.
public struct SimulatedTarget: Sendable, Hashable {
  /// Position in ``Simulation/targets``; what ``Simulation/response(for:at:accept:)`` takes.
  public var index: Int
  /// The scenario's name of the node serving it.
  public var node: String
  /// The profile's endpoint name: `raylet`, `dashboard`, `gcs` (seed) or `agent`, `autoscaler`,
  /// `dashboard` (ray-2.60).
  public var endpoint: String
  public var host: String
  public var port: Int
  public var path: String
  /// The Prometheus job name Ray's generated configuration uses.
  public var job: String
  /// Target labels a scraper should attach (for example `ray_io_cluster`).
  public var labels: [String: String]

  /// `host:port`, Prometheus's `instance` label.
  public var instance: String { "\(host):\(port)" }

  public var url: String { "http://\(host):\(port)\(path)" }
}
