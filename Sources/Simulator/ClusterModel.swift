/// The timeline turned into parameters, and the rules that advance a ``ModelState`` one tick.
///
/// Membership, rates and targets are pure functions of virtual time; only accumulations
/// (counters, histograms, queues, fill levels) need integrating, which ``step(_:)`` does.
struct ClusterModel: Sendable {
  let scenario: Scenario
  let dt: Double
  let seed: UInt64

  init(scenario: Scenario) {
    self.scenario = scenario
    self.dt = Double(scenario.resolutionMs) / 1000
    self.seed = scenario.seed
  }

  func timeMs(ofTick tick: Int) -> Int64 { Int64(tick) * scenario.resolutionMs }

  func ticks(_ ms: Int64) -> Int { Int(max(1, ms / scenario.resolutionMs)) }

  /// Events in force at `ms`: started at or before it and not yet over.
  func active(_ event: Event, at ms: Int64) -> Bool {
    event.atMs <= ms && (event.untilMs.map { ms < $0 } ?? true)
  }

  func isAlive(node: Int, at ms: Int64) -> Bool {
    var alive = scenario.nodes[node].presentAtStart
    for e in scenario.events where e.atMs <= ms {
      switch e.action {
      case .nodeLeave(let n) where n == node:
        alive = e.untilMs.map { ms >= $0 } ?? false
      case .nodeJoin(let n) where n == node:
        alive = e.untilMs.map { ms < $0 } ?? true
      default: break
      }
    }
    return alive
  }

  func taskRate(_ task: Int, at ms: Int64) -> Double {
    var rate = scenario.tasks[task].rate
    for e in scenario.events where active(e, at: ms) {
      if case .taskRate(let t, let r) = e.action, t == task { rate = r }
    }
    return rate
  }

  /// Target fill fraction and ramp length of a node's object store at `ms`.
  func fillTarget(_ node: Int, at ms: Int64) -> (fraction: Double, rampMs: Int64) {
    var target = (fraction: 0.12, rampMs: Int64(60_000))
    for e in scenario.events where active(e, at: ms) {
      if case .objectStoreFill(let n, let f, let ramp) = e.action, n == node { target = (f, ramp) }
    }
    return target
  }

  func gcsLatencyTarget(at ms: Int64) -> (ms: Double, rampMs: Int64) {
    var target = (ms: 1.2, rampMs: Int64(30_000))
    for e in scenario.events where active(e, at: ms) {
      if case .gcsLatency(let l, let ramp) = e.action { target = (l, ramp) }
    }
    return target
  }

  /// How many crashes of an actor fall in the time window `(from, to]`.
  func crashes(actor: Int, from: Int64, to: Int64) -> Int {
    var n = 0
    for e in scenario.events {
      guard case .crashLoop(let a, let every) = e.action, a == actor else { continue }
      let end = min(to, (e.untilMs ?? Int64.max) - 1)
      guard end >= e.atMs, end > from else { continue }
      let first = from < e.atMs ? 0 : (from - e.atMs) / every + 1
      let last = (end - e.atMs) / every
      if last >= first { n += Int(last - first + 1) }
    }
    return n
  }

  /// The fault in force for an endpoint at `ms`, the latest declared winning.
  func fault(node: Int, endpoint: String, at ms: Int64) -> FaultKind? {
    var kind: FaultKind?
    for e in scenario.events where active(e, at: ms) {
      if case .fault(let n, let ep, let k) = e.action, n == node, ep == nil || ep == endpoint { kind = k }
    }
    return kind
  }

  func initialState() -> ModelState {
    let nodes = scenario.nodes.indices.map { i in
      NodeState(
        alive: false, tasks: Array(repeating: TaskCounts(), count: scenario.tasks.count),
        workerGenerations: Array(repeating: 0, count: scenario.nodes[i].cpus))
    }
    var state = ModelState(
      tick: -1, nodes: nodes, actors: Array(repeating: ActorState(), count: scenario.actors.count))
    step(&state)
    return state
  }
}
