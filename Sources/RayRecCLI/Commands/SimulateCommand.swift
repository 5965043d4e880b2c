import Basics
import Foundation
import Glibc
import HTTP
import Recorder
import Replay
import Simulator
import SimulatorServer

/// `rayrec simulate`: serve a scenario live on its ports.
enum SimulateCommand {
  static let spec = CommandSpec(
    name: "simulate",
    abstract: "Serve a simulated Ray cluster (a scenario file) live on its ports.",
    discussion: """
      Every endpoint of every node is served on its own address and port (as the scenario
      declares), answering what the cluster shows at the current virtual time: text 0.0.4 by
      default, OpenMetrics when the Accept header asks for it, gzip when accepted, as Ray does.
      Only loopback addresses are used as written: a node at any other address (0.0.0.0 would
      be every interface) is served on loopback, with a warning, unless --bind ADDR says where.
      Faults are served as they happen (refused, hang, slow, HTTP 5xx, reset, truncated, malformed).
      Runs until the scenario ends (or --duration), or until SIGINT/SIGTERM; then the --sd-file
      is rewritten empty (atomically), so a Prometheus following it drops the targets instead of
      alerting on them as down (--keep-sd-file leaves it).
      """,
    options: [
      .option("speed", value: "N", help: "Virtual seconds per real second, e.g. 10 or 10x (default 1)."),
      .option(
        "bind", value: "ADDR",
        help: "Serve every endpoint on ADDR (0.0.0.0: every interface) instead of its own address."),
      .option("port-offset", value: "N", help: "Add N to every endpoint's port."),
      .option(
        "map", value: "HOST:PORT=HOST:PORT", repeatable: true,
        help: "Serve the endpoint at the first address on the second."),
      .option("sd-file", value: "PATH", help: "Write a Prometheus file_sd JSON listing the endpoints."),
      .flag(
        "keep-sd-file", help: "Leave the --sd-file listing the endpoints on exit (default: rewritten empty)."),
      .option(
        "duration", value: "DURATION", help: "Stop after this much virtual time (default: the scenario's)."),
    ],
    positionals: [PositionalSpec("scenario", help: "The scenario file (.scn).")],
    action: { args, console in try run(args, &console) })

  static func load(_ path: String) throws -> Simulation {
    do {
      return Simulation(scenario: try Scenario.load(path: path))
    } catch {
      throw DataError(error.description)
    }
  }

  /// `--speed` as replay reads it: one grammar and one range for both.
  static func speed(_ text: String?, path: [String]) throws -> Double {
    guard let text else { return 1 }
    guard let speed = ReplaySpeed(text) else {
      throw UsageError(message: ReplayCommand.speedError(text), path: path)
    }
    return speed.factor
  }

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let speed = try speed(args.value("speed"), path: args.path)
    let simulation = try load(args.positionals[0])
    let durationMs = try RecordCommand.duration(args, "duration", default: simulation.scenario.durationMs)
    let addresses = try plan(simulation, args, &console)
    let server: SimulatorServer
    do {
      server = try SimulatorServer(simulation: simulation, addresses: addresses, speed: speed)
    } catch {
      throw DataError("\(error)")
    }
    // Listen first: a port in use is one error naming the target, before any plan is printed.
    do {
      try Blocking.run { try await server.start() }
    } catch let error as SimulatorServer.BindError {
      try? Blocking.run { await server.stop() }
      throw DataError(
        "\(error); move it with --port-offset N (every port +N), --map \(error.target.instance)=127.0.0.1:PORT or --bind ADDR"
      )
    }
    for (target, address) in zip(simulation.targets, server.addresses) {
      console.print("\(target.node) \(target.endpoint): http://\(address)\(target.path)")
    }
    if speed != 1 {
      console.print(
        "speed \(speed)x: a Prometheus scraping this sees rate() \(speed) times higher than the cluster's")
    }
    let sdPath = args.value("sd-file")
    if let sdPath {
      // As replay's: `instance` is the node's own address, wherever --port-offset or --map moved it.
      let groups: [DiscoveryFiles.Group] = zip(simulation.targets, server.addresses).map { target, address in
        var labels: [(String, String)] = [("instance", target.instance), ("job", target.job)]
        labels += target.labels.sorted { $0.key < $1.key }.filter { $0.key != "instance" && $0.key != "job" }
          .map { ($0.key, $0.value) }
        return ("\(address)", labels)
      }
      // A discovery file is state rayrec keeps (rewritten while serving), not a result: replaced.
      try DiscoveryFiles.write(DiscoveryFiles.fileSD(groups: groups), to: sdPath)
    }
    // On the way out, however it ends: targets that are gone must not linger in discovery.
    defer {
      if let sdPath, !args.flag("keep-sd-file") { try? DiscoveryFiles.write("[]\n", to: sdPath) }
    }
    let stop = SignalStop()
    let live = isatty(2) == 1
    do {
      try Blocking.run {
        // The server opens and closes listeners itself; this loop only waits and shows the time.
        while !stop.flag.isStopped && server.virtualTimeMs < durationMs {
          if live { LiveLine.draw(server.statusLine(durationMs: durationMs)) }
          try? await Task.sleep(for: .milliseconds(100))
        }
        await server.stop()
      }
    } catch {
      if live { LiveLine.clear() }
      try? Blocking.run { await server.stop() }
      throw DataError("\(error)")
    }
    if live { LiveLine.clear() }
    let hits = simulation.targets.indices.reduce(0) { $0 + server.hits(target: $1) }
    console.print("served \(hits) requests")
    return 0
  }

  /// Where each endpoint listens (see ``ListenPlan``): its own address when that is loopback,
  /// else loopback with a warning; --bind ADDR for all, or where --map puts one. A --map naming no
  /// endpoint of the scenario is an error.
  static func plan(
    _ simulation: Simulation, _ args: ParsedArguments, _ console: inout Console
  ) throws -> [SocketAddress] {
    let offsetText = args.value("port-offset") ?? "0"
    guard let offset = Int(offsetText), abs(offset) < 65536 else {
      throw UsageError(message: "--port-offset: '\(offsetText)' is not a number", path: args.path)
    }
    var maps: [String: SocketAddress] = [:]
    for text in args.all("map") {
      do {
        let map = try PortPlan.Mapping(parsing: text)
        // Endpoints close and reopen during faults: a port chosen by the system would move.
        guard map.address.port != 0 else {
          throw UsageError(message: "--map \(text): simulate needs a fixed port, not 0", path: args.path)
        }
        maps[map.original] = map.address
      } catch let error as ReplayError {
        throw UsageError(message: error.description, path: args.path)
      }
    }
    let instances = simulation.targets.map(\.instance)
    for original in maps.keys.sorted() where !instances.contains(original) {
      throw UsageError(
        message:
          "--map: no endpoint \(original) in the scenario (its endpoints: \(instances.joined(separator: ", ")))",
        path: args.path)
    }
    let plan: ListenPlan
    do {
      plan = try ListenPlan(
        targets: simulation.targets, bind: args.value("bind"), portOffset: offset, maps: maps)
    } catch {
      throw UsageError(message: error.description, path: args.path)
    }
    for moved in plan.moved {
      let nodes = moved.nodes.joined(separator: ", ")
      console.error(
        "warning: \(moved.host) (node \(nodes)) is not a loopback address; served on \(moved.servedOn) instead (--bind \(moved.host) serves every endpoint there, --map HOST:PORT=ADDR:PORT one)"
      )
    }
    return plan.addresses
  }
}
