/// Writes the body one endpoint serves for a model state. Implementations hold pre-rendered
/// prefixes and may refresh caches (worker ids change), hence `mutating`.
protocol TargetRenderer: Sendable {
  mutating func render(_ state: ModelState, into w: inout BodyWriter)
}

/// Names and labels every renderer of one simulation shares.
struct RenderContext: Sendable {
  let model: ClusterModel
  let sessionName: String
  let nodeIds: [String]

  var scenario: Scenario { model.scenario }
  var seed: UInt64 { model.seed }

  init(model: ClusterModel) {
    self.model = model
    let s = model.scenario
    sessionName = "session_" + RenderContext.sessionStamp(s.startUnixMs) + "_\(10_000 + Int(s.seed % 50_000))"
    nodeIds = s.nodes.indices.map { Noise.hex(s.seed, 11, $0, Noise.key(s.nodes[$0].name), count: 56) }
  }

  /// Unix seconds of virtual time 0.
  var startSeconds: Double { Double(scenario.startUnixMs) / 1000 }

  /// `YYYY-MM-DD_HH-MM-SS_ffffff`, as Ray stamps session directories.
  static func sessionStamp(_ unixMs: Int64) -> String {
    let days = unixMs / 86_400_000
    let msOfDay = unixMs % 86_400_000
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = z / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let micro = String(msOfDay % 1000 * 1000 + 531)
    return "\(y)-\(two(m))-\(two(d))_\(two(msOfDay / 3_600_000))-\(two(msOfDay / 60_000 % 60))-"
      + "\(two(msOfDay / 1000 % 60))_" + String(repeating: "0", count: 6 - micro.count) + micro
  }

  /// A deterministic jitter in [0, 1) for a quantity shown at a tick (not integrated).
  func jitter(_ what: Int, _ tick: Int, _ who: Int) -> Double { Noise.unit(seed, 100 &+ what, tick, who) }

  /// Running tasks on a node.
  func running(_ node: NodeState) -> Double { node.tasks.reduce(0) { $0 + $1.running } }

  func pending(_ node: NodeState) -> Double { node.tasks.reduce(0) { $0 + $1.pending } }

  /// CPU utilisation in percent with one decimal, as psutil reports it.
  func cpuPercent(_ n: Int, _ state: ModelState) -> Double {
    let node = state.nodes[n]
    let cpus = Double(scenario.nodes[n].cpus)
    let actorsBusy = scenario.actors.indices.reduce(0.0) { sum, a in
      scenario.actors[a].node == n && state.tick >= state.actors[a].restartingUntilTick
        ? sum + min(1, scenario.actors[a].callsPerSecond * scenario.actors[a].taskSeconds) : sum
    }
    let busy = (running(node) + actorsBusy) / cpus * 100
    return (min(100, busy * (0.92 + 0.1 * jitter(1, state.tick, n)) + 1.5 + jitter(2, state.tick, n)) * 10)
      .rounded() / 10
  }

  /// Host memory in use: a base, the workers, and the object store's shared memory.
  func memUsed(_ n: Int, _ state: ModelState) -> Double {
    let node = state.nodes[n]
    let base = 1.6e9 + 0.2e9 * jitter(3, state.tick / 10, n)
    return (base + running(node) * 2.5e8 + node.objectStoreUsed).rounded()
  }
}
