import Basics
public import HTTP
public import Simulator
import Synchronization

/// Serves a simulated cluster live: every simulated endpoint on its own address and port, each
/// request answered with what the cluster shows at the current virtual time. Faults are served as
/// they happen: `refused` closes the endpoint's listener for the span, `hang` never answers, a
/// reset sends part of the body then resets the connection, a slow answer waits.
public final class SimulatorServer: Sendable {
  public let simulation: Simulation
  /// Virtual milliseconds since the scenario start, now.
  private let clock: @Sendable () -> Int64
  private let speed: Double
  private let server: HTTPServer
  private let state: SharedState

  struct State {
    var listeners: [Int: ListenerID] = [:]
    var hits: [Int: Int] = [:]
    /// The task that opens and closes listeners on time (see ``start()``).
    var scheduler: Task<Void, Never>?
  }

  /// The state the server and its handler share.
  final class SharedState: Sendable {
    let mutex = Mutex(State())
    func withLock<T>(_ body: (inout State) -> T) -> T { mutex.withLock { body(&$0) } }
  }

  /// Where each target is served (see ``ListenPlan``: its own address when loopback, or `bind`).
  public let addresses: [SocketAddress]

  /// A listener could not be opened: which target, where, and why.
  public struct BindError: Error, CustomStringConvertible, Sendable {
    /// The target (index into ``Simulation/targets``).
    public var target: SimulatedTarget
    /// Where it was to listen.
    public var address: SocketAddress
    /// The system's reason.
    public var message: String

    public var description: String {
      "cannot listen on \(address) for \(target.node) \(target.endpoint) (\(target.instance)): \(message)"
    }
  }

  /// - Parameters:
  ///   - bind: serve every endpoint on this address instead of its own (ports must then differ);
  ///     without it, a node whose address is not loopback is served on loopback.
  ///   - addresses: where to serve each target, in target order (overrides `bind`).
  ///   - clock: virtual time in ms since the scenario start; the default runs from now at `speed`.
  public init(
    simulation: Simulation, bind: String? = nil, addresses planned: [SocketAddress]? = nil, speed: Double = 1,
    clock: (@Sendable () -> Int64)? = nil
  ) throws {
    self.simulation = simulation
    self.speed = speed
    if let clock {
      self.clock = clock
    } else {
      let t0 = ContinuousClock.now
      self.clock = {
        let elapsed = ContinuousClock.now - t0
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return Int64(ms * speed)
      }
    }
    let addresses = try planned ?? ListenPlan(targets: simulation.targets, bind: bind).addresses
    if Set(addresses.map { "\($0)" }).count != addresses.count {
      throw HTTPError(
        kind: .system, operation: "bind",
        message:
          "two endpoints would share one address and port; drop --bind, give nodes distinct ports, or --map one"
      )
    }
    self.addresses = addresses
    let state = SharedState()
    self.state = state
    let handler = SimulationHandler(simulation: simulation, clock: self.clock, speed: speed, state: state)
    server = try HTTPServer(handler: handler)
    handler.server.withLock { $0 = server }
  }

  /// Opens the listeners of every endpoint that is up now, and from then on opens and closes
  /// them as the scenario's refused spans begin and end: a task sleeps until the virtual time of
  /// the next change (``Simulation/nextConnectionChange(after:)``), so faults take effect on time
  /// at any speed without anyone polling.
  public func start() async throws {
    try await sync()
    let task = Task { [self] in
      while !Task.isCancelled {
        guard let next = simulation.nextConnectionChange(after: clock()) else { return }
        let wallMs = Double(next - clock()) / max(speed, 0.000_001)
        try? await Task.sleep(for: .microseconds(Int64(max(0, wallMs) * 1000) + 1))
        if Task.isCancelled { return }
        // A listener that cannot be opened again (its port taken meanwhile) stays closed; the
        // endpoint then refuses, as a crashed process whose port was reused would.
        try? await sync()
      }
    }
    state.withLock { $0.scheduler = task }
  }

  /// Opens or closes listeners to match the endpoints' refused spans at the current virtual time.
  public func sync() async throws {
    let now = clock()
    for (index, address) in addresses.enumerated() {
      let refused = simulation.refusesConnections(target: index, at: now)
      let listener = state.withLock { $0.listeners[index] }
      if refused, let listener {
        await server.removeListener(listener)
        _ = state.withLock { $0.listeners.removeValue(forKey: index) }
      } else if !refused, listener == nil {
        let bound: BoundListener
        do { bound = try server.addListener(address) } catch {
          throw BindError(target: simulation.targets[index], address: address, message: "\(error)")
        }
        state.withLock { $0.listeners[index] = bound.id }
      }
    }
  }

  public var virtualTimeMs: Int64 { clock() }

  /// The live line `rayrec simulate` draws: how far the virtual time has come of `durationMs`.
  public func statusLine(durationMs: Int64) -> String {
    "virtual time +\(DurationText.format(virtualTimeMs / 1000 * 1000)) of \(DurationText.format(durationMs))"
  }
  public func hits(target: Int) -> Int { state.withLock { $0.hits[target] ?? 0 } }

  public func stop() async {
    state.withLock { $0.scheduler }?.cancel()
    await server.stop()
  }
}

/// Answers requests on the event loop; must not block.
final class SimulationHandler: HTTPHandler {
  let simulation: Simulation
  let clock: @Sendable () -> Int64
  let speed: Double
  let state: SimulatorServer.SharedState
  let server = Mutex<HTTPServer?>(nil)
  /// Each target's last gzipped body: a body stays the same for a whole model tick, so scrapes
  /// within one (Prometheus and a recorder, or retries) compress it once, as a replay compresses
  /// once per frame.
  let gzipped = Mutex<[Int: (body: [UInt8], compressed: [UInt8])]>([:])

  init(
    simulation: Simulation, clock: @escaping @Sendable () -> Int64, speed: Double,
    state: SimulatorServer.SharedState
  ) {
    self.simulation = simulation
    self.clock = clock
    self.speed = speed
    self.state = state
  }

  /// `body` gzipped, from the target's cache when it is the body compressed last.
  func compressed(_ body: [UInt8], target: Int) -> [UInt8] {
    if let cached = gzipped.withLock({ $0[target] }), cached.body == body { return cached.compressed }
    let made = Gzip.compress(body)
    gzipped.withLock { $0[target] = (body, made) }
    return made
  }

  func handle(_ request: HTTPRequest, context: HTTPRequestContext) -> HTTPReply {
    let target = state.withLock { s -> Int? in
      let index = s.listeners.first { $0.value == context.listener }?.key
      if let index { s.hits[index, default: 0] += 1 }
      return index
    }
    guard let target else { return .close(reset: true) }
    let response = simulation.response(for: target, at: clock(), accept: request.headers["Accept"])
    let gzip = (request.headers["Accept-Encoding"] ?? "").contains("gzip")
    func http(_ answer: SimulatedResponse.Answer) -> HTTPResponse {
      var headers: HTTPHeaders = ["Content-Type": answer.contentType]
      var body = answer.body
      if gzip && answer.status == 200 {
        body = compressed(body, target: target)
        headers.fields.append((name: "Content-Encoding", value: "gzip"))
      }
      return HTTPResponse(status: answer.status, headers: headers, body: request.method == "HEAD" ? [] : body)
    }
    let reply: HTTPReply
    switch response.outcome {
    case .refused: return .close(reset: true)
    case .hang: return .deferred
    case .answer(let answer): reply = .response(http(answer))
    case .reset(let answer, let after):
      return .resetAfter(
        HTTPResponse(status: answer.status, headers: ["Content-Type": answer.contentType], body: answer.body),
        bodyBytes: after)
    case .truncated(let answer, let declared):
      let padded = answer.body + [UInt8](repeating: 0x20, count: max(0, declared - answer.body.count))
      return .resetAfter(
        HTTPResponse(status: answer.status, headers: ["Content-Type": answer.contentType], body: padded),
        bodyBytes: answer.body.count)
    }
    let delayMs = Double(response.durationMs) / max(speed, 0.001)
    guard delayMs >= 50 else { return reply }
    // A slow endpoint: answer after the (scaled) delay, from the event loop's timer.
    let responder = context.responder()
    let loop = server.withLock { $0?.loop }
    guard let loop else { return reply }
    _ = loop.execute(after: .milliseconds(Int64(delayMs))) {
      if case .response(let r) = reply { responder.respond(.response(r)) }
    }
    return .deferred
  }
}
