import Exposition
import Synchronization

/// A running simulated cluster: the targets it serves and what each answers at any virtual time.
///
/// The answer at virtual time `t` depends only on the scenario, the target, `t` and the
/// `Accept` header, never on which times were asked before: the model integrates on a fixed
/// tick from time 0, and cached states (the latest one plus checkpoints every ten ticks or so)
/// only make that cheaper. A live server and a virtual-time recording therefore
/// produce identical bytes. Safe to share between threads (one lock around the cache).
public final class Simulation: Sendable {
  /// The scenario being simulated (`startUnixMs` turns virtual times into wall-clock frame times).
  public let scenario: Scenario
  /// Every endpoint of every node, head node first, in the profile's endpoint order.
  public let targets: [SimulatedTarget]
  let model: ClusterModel
  let context: RenderContext
  let engine: Mutex<Engine>
  let extras: [ExtraSeries]

  /// Ticks between two kept checkpoints: ten, or more for very long scenarios so that at most
  /// about 2,000 states are kept (a random access then replays at most that many ticks).
  static func checkpointSpacing(durationTicks: Int) -> Int { max(10, durationTicks / 2000) }

  struct Engine: Sendable {
    var current: ModelState
    var checkpoints: [ModelState]
    var renderers: [any TargetRenderer]
    var sizes: [Int]
  }

  /// Builds the model and pre-renders every target's metadata and series prefixes.
  ///
  /// Pass a scenario from ``Scenario/parse(_:file:)`` or ``Scenario/load(path:)``: they check
  /// the references (node and actor indices, ports) that this initialiser relies on.
  public init(scenario: Scenario) {
    self.scenario = scenario
    let model = ClusterModel(scenario: scenario)
    self.model = model
    let context = RenderContext(model: model)
    self.context = context
    var targets: [SimulatedTarget] = []
    var renderers: [any TargetRenderer] = []
    let families = Ray260Families()
    var labels: [String: String] = [:]
    if !scenario.cluster.isEmpty { labels["ray_io_cluster"] = scenario.cluster }
    for (n, node) in scenario.nodes.enumerated() {
      for endpoint in scenario.profile.endpoints where !endpoint.headOnly || node.isHead {
        targets.append(
          SimulatedTarget(
            index: targets.count, node: node.name, endpoint: endpoint.name, host: node.address,
            port: node.ports[endpoint.name] ?? endpoint.port, path: "/metrics", job: "ray", labels: labels))
        switch (scenario.profile, endpoint.name) {
        case (.seed, "raylet"): renderers.append(SeedRayletRenderer(node: n, context: context))
        case (.seed, "dashboard"): renderers.append(SeedDashboardRenderer(context: context))
        case (.seed, _): renderers.append(SeedGCSRenderer(context: context))
        case (.ray260, "agent"):
          renderers.append(Ray260AgentRenderer(node: n, context: context, families: families))
        case (.ray260, "autoscaler"): renderers.append(Ray260AutoscalerRenderer(context: context))
        case (.ray260, _): renderers.append(Ray260DashboardRenderer(context: context))
        }
      }
    }
    self.targets = targets
    extras = targets.map { target in
      ExtraSeries(
        specs: scenario.series.filter {
          scenario.nodes[$0.node].name == target.node && $0.endpoint == target.endpoint
        }, intervalMs: scenario.intervalMs)
    }
    let initial = model.initialState()
    engine = Mutex(
      Engine(
        current: initial, checkpoints: [initial], renderers: renderers,
        sizes: Array(repeating: 4096, count: targets.count)))
  }

  /// Milliseconds after each interval start at which a target is scraped: stable per target,
  /// spread over the interval, as Prometheus spreads its scrapes.
  public func scrapeOffset(for target: Int) -> Int64 {
    Int64(Noise.hash(scenario.seed, 50, Noise.key(targets[target].url)) % UInt64(scenario.intervalMs))
  }

  /// The virtual times (ms from the start) at which a target is scraped during the scenario.
  public func scrapeTimes(for target: Int) -> StrideTo<Int64> {
    let start: Int64 = scrapeOffset(for: target)
    return Swift.stride(from: start, to: scenario.durationMs, by: Int(scenario.intervalMs))
  }

  /// What a scrape of `target` starting at virtual time `timeMs` (ms from the start; earlier
  /// times read as 0, later ones continue the cluster's steady state) gets back.
  public func response(for target: Int, at timeMs: Int64, accept: String?) -> SimulatedResponse {
    precondition(targets.indices.contains(target), "no target \(target)")
    let t = max(0, timeMs)
    let spec = targets[target]
    let node = scenario.nodes.firstIndex { $0.name == spec.node } ?? 0
    let format = ContentNegotiation.format(accept: accept)
    let fault = model.fault(node: node, endpoint: spec.endpoint, at: t)
    if refuses(node: node, fault: fault, at: t) { return SimulatedResponse(outcome: .refused, durationMs: 0) }
    if fault == .hang { return SimulatedResponse(outcome: .hang, durationMs: scenario.intervalMs) }
    let body = render(target: target, at: t, format: format)
    let answer = SimulatedResponse.Answer(
      status: 200, contentType: ContentNegotiation.contentType(format), body: body)
    let duration = 2 + Int64(body.count / 250_000) + Int64(Noise.hash(scenario.seed, 51, target, Int(t)) % 3)
    return Self.apply(fault, to: answer, durationMs: duration, seed: scenario.seed &+ UInt64(target))
  }

  /// Whether `target` refuses connections at `timeMs`: its node is absent or the endpoint is down.
  /// Cheap (no rendering), for a live server that opens and closes listeners to match.
  public func refusesConnections(target: Int, at timeMs: Int64) -> Bool {
    let t = max(0, timeMs)
    let spec = targets[target]
    let node = scenario.nodes.firstIndex { $0.name == spec.node } ?? 0
    return refuses(node: node, fault: model.fault(node: node, endpoint: spec.endpoint, at: t), at: t)
  }

  /// The first virtual time after `timeMs` at which ``refusesConnections(target:at:)`` may change
  /// for some target: an event's start or end (a node leaving or joining, a fault), or the tick
  /// boundary at which a node's membership takes effect. Nil when nothing changes any more, so a
  /// live server sleeps until exactly then instead of polling.
  public func nextConnectionChange(after timeMs: Int64) -> Int64? {
    let resolution = max(1, scenario.resolutionMs)
    var next: Int64?
    for event in scenario.events {
      for edge in [event.atMs, event.untilMs].compactMap({ $0 }) {
        // Membership is judged at tick boundaries (see `refuses`): the change lands on the next one.
        let tick = (edge + resolution - 1) / resolution * resolution
        for candidate in [edge, tick] where candidate > timeMs {
          next = min(next ?? candidate, candidate)
        }
      }
    }
    return next
  }

  private func refuses(node: Int, fault: FaultKind?, at t: Int64) -> Bool {
    // Membership is judged at the tick the state describes, so a node is never drawn half-joined.
    let tickTime = t / scenario.resolutionMs * scenario.resolutionMs
    return !model.isAlive(node: node, at: tickTime) || fault == .down
  }

  /// The body a target serves at `t`, rendered from the model state of the tick at or before `t`.
  func render(target: Int, at t: Int64, format: ExpositionFormat) -> [UInt8] {
    let tick = Int(t / scenario.resolutionMs)
    return engine.withLock { engine in
      let state = Self.state(at: tick, engine: &engine, model: model)
      var writer = BodyWriter(format: format, capacity: engine.sizes[target] + 1024)
      engine.renderers[target].render(state, into: &writer)
      extras[target].render(at: t, into: &writer)
      writer.finish()
      engine.sizes[target] = writer.out.count
      return writer.out
    }
  }

  /// The model state at `tick`, from the cached current state or the nearest checkpoint.
  static func state(at tick: Int, engine: inout Engine, model: ClusterModel) -> ModelState {
    if engine.current.tick != tick {
      // Checkpoints are appended in tick order: find the last one at or before `tick`.
      var low = 0
      var high = engine.checkpoints.count - 1
      while low < high {
        let mid = (low + high + 1) / 2
        if engine.checkpoints[mid].tick <= tick { low = mid } else { high = mid - 1 }
      }
      let checkpoint = engine.checkpoints[low]
      if engine.current.tick > tick || checkpoint.tick > engine.current.tick {
        engine.current = checkpoint
      }
      let durationTicks = Int(model.scenario.durationMs / model.scenario.resolutionMs)
      while engine.current.tick < tick {
        model.step(&engine.current)
        let k = engine.current.tick
        // Dense within the scenario; sparse after it, so a long live run keeps little memory.
        let dense = checkpointSpacing(durationTicks: durationTicks)
        let spacing = k <= durationTicks ? dense : dense * 60
        if let last = engine.checkpoints.last, k - last.tick >= spacing {
          engine.checkpoints.append(engine.current)
        }
      }
    }
    return engine.current
  }
}
