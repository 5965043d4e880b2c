/// A parsed scenario: which Ray layout to imitate, the cluster, and a timeline of incidents.
///
/// Times inside a scenario are milliseconds from its start (virtual time 0); `startUnixMs` anchors
/// them to the wall clock for values that carry absolute times (process start times, `_created`).
public struct Scenario: Sendable, Hashable {
  /// A one-line title from the `scenario "..."` directive (empty when absent).
  public var title: String = ""
  /// Value of the `ray_io_cluster` target label (the `cluster` directive); empty for none.
  public var cluster: String = ""
  /// Which endpoint layout and metric names to serve.
  public var profile: Profile
  /// Seed of every pseudo-random choice: the same file and seed give the same bytes.
  public var seed: UInt64 = 42
  /// Unix milliseconds of virtual time 0.
  public var startUnixMs: Int64 = 1_795_000_000_000
  /// Length of the timeline; responses after it continue the final steady state.
  public var durationMs: Int64
  /// Prometheus scrape interval the scenario is meant to be recorded at.
  public var intervalMs: Int64 = 5_000
  /// Integration step of the cluster model; the response at `t` reflects the state at the last
  /// whole step at or before `t`.
  public var resolutionMs: Int64 = 1_000
  /// The cluster; the head node is first.
  public var nodes: [NodeSpec]
  public var actors: [ActorSpec] = []
  public var tasks: [TaskSpec] = []
  public var series: [SeriesSpec] = []
  /// Timeline, in file order (which is also time order within equal times).
  public var events: [Event] = []

  public init(profile: Profile, durationMs: Int64, nodes: [NodeSpec]) {
    self.profile = profile
    self.durationMs = durationMs
    self.nodes = nodes
  }
}

/// The two endpoint layouts the simulator serves.
public enum Profile: String, Sendable, Hashable, CaseIterable {
  /// The article's layout: raylet :8265, dashboard :8080, GCS :8126, `ray_actor_restarts_total`.
  case seed
  /// Real Ray 2.60: a dashboard agent per node, autoscaler and dashboard head on the head node.
  case ray260 = "ray-2.60"

  /// Endpoint names and default ports, in the order targets are listed.
  public var endpoints: [(name: String, port: Int, headOnly: Bool)] {
    switch self {
    case .seed: [("raylet", 8265, false), ("dashboard", 8080, true), ("gcs", 8126, true)]
    case .ray260: [("agent", 8080, false), ("autoscaler", 44217, true), ("dashboard", 44227, true)]
    }
  }
}

/// One node of the cluster.
public struct NodeSpec: Sendable, Hashable {
  public var name: String
  /// IPv4 address the node's endpoints listen on (a loopback address when simulated).
  public var address: String
  public var isHead: Bool
  public var cpus: Int = 8
  public var memoryBytes: Double = 32 * 1_073_741_824
  public var objectStoreBytes: Double = 4 * 1_073_741_824
  /// Port per endpoint name, defaults filled in from the profile.
  public var ports: [String: Int] = [:]
  /// Whether the node is part of the cluster at time 0 (`absent` nodes join later).
  public var presentAtStart: Bool = true

  public init(name: String, address: String, isHead: Bool) {
    self.name = name
    self.address = address
    self.isHead = isHead
  }
}

/// An actor class running `count` replicas on a node.
public struct ActorSpec: Sendable, Hashable {
  public var name: String
  /// Index into ``Scenario/nodes``.
  public var node: Int
  public var count: Int = 1
  /// Mean execution time of one actor task, in seconds.
  public var taskSeconds: Double = 0.05
  /// Actor tasks per second per replica.
  public var callsPerSecond: Double = 2
}

/// A kind of task submitted at a steady rate, spread over the alive nodes by CPU count.
public struct TaskSpec: Sendable, Hashable {
  public var name: String
  /// Submissions per second.
  public var rate: Double
  /// Mean run time, in seconds (each task takes one CPU).
  public var durationSeconds: Double = 1
  /// Fraction of tasks that fail.
  public var failureRatio: Double = 0
}

/// An extra series in promtool's expanding notation, served by one endpoint.
public struct SeriesSpec: Sendable, Hashable {
  /// Index into ``Scenario/nodes``.
  public var node: Int
  public var endpoint: String
  public var name: String
  public var labels: [(String, String)]
  public var isCounter: Bool
  /// One optional value per scrape interval (`nil` is `_`: no sample in that interval).
  public var values: [Double?]

  public static func == (a: SeriesSpec, b: SeriesSpec) -> Bool {
    a.node == b.node && a.endpoint == b.endpoint && a.name == b.name && a.isCounter == b.isCounter
      && a.labels.map { [$0.0, $0.1] } == b.labels.map { [$0.0, $0.1] }
      && a.values.map { $0?.bitPattern } == b.values.map { $0?.bitPattern }
  }

  public func hash(into h: inout Hasher) {
    h.combine(node)
    h.combine(endpoint)
    h.combine(name)
  }
}

/// One timeline entry: something starts at `atMs` and, when `untilMs` is set, stops then.
public struct Event: Sendable, Hashable {
  /// Start, in ms from virtual time 0.
  public var atMs: Int64
  /// End (exclusive), or nil when the effect lasts to the end.
  public var untilMs: Int64?
  public var action: Action
  /// Where the event was written, for messages.
  public var line: Int
}

/// What an event does.
public enum Action: Sendable, Hashable {
  /// Actor replicas crash and restart every `everyMs` while the event lasts.
  case crashLoop(actor: Int, everyMs: Int64)
  /// Task submissions of a kind run at `rate` per second while the event lasts.
  case taskRate(task: Int, rate: Double)
  /// The object store of a node moves towards `fraction` of capacity over `rampMs`; a
  /// fraction above 1 fills the store and spills the excess to disk.
  case objectStoreFill(node: Int, fraction: Double, rampMs: Int64)
  /// The node's processes stop (all its endpoints refuse connections).
  case nodeLeave(node: Int)
  /// The node (re)joins with fresh processes: counters start again from zero.
  case nodeJoin(node: Int)
  /// GCS health-check latency moves to `ms` over `rampMs`.
  case gcsLatency(ms: Double, rampMs: Int64)
  /// Scrapes of one endpoint (or of all of a node's endpoints) misbehave while the event lasts.
  case fault(node: Int, endpoint: String?, kind: FaultKind)
}

/// How a scrape misbehaves.
public enum FaultKind: Sendable, Hashable {
  /// Connection refused.
  case down
  /// The connection is accepted and nothing is ever sent: the scraper times out.
  case hang
  /// A complete answer that takes this many milliseconds.
  case slow(ms: Int64)
  /// An HTTP error status with a short text body.
  case http(status: Int)
  /// Headers and this many body bytes, then a connection reset.
  case reset(afterBytes: Int)
  /// `Content-Length` announces the whole body but only this fraction of it arrives.
  case truncate(fraction: Double)
  /// A 200 answer whose body is not valid exposition text.
  case malformed
}
