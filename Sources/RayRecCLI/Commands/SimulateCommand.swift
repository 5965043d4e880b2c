import Foundation
import Glibc
import Recorder
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
      Faults are served as they happen (refused, hang, slow, HTTP 5xx, reset, truncated, malformed).
      Runs until the scenario ends (or --duration), or until SIGINT.
      """,
    options: [
      .option("speed", value: "N", help: "Virtual seconds per real second, e.g. 10 or 10x (default 1)."),
      .option("bind", value: "ADDR", help: "Serve every endpoint on ADDR instead of its own address."),
      .option("sd-file", value: "PATH", help: "Write a Prometheus file_sd JSON listing the endpoints."),
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

  static func speed(_ text: String?, path: [String]) throws -> Double {
    guard let text else { return 1 }
    let number = text.hasSuffix("x") ? String(text.dropLast()) : text
    guard let value = Double(number), value > 0, value.isFinite else {
      throw UsageError(
        message: "--speed wants a positive number such as 10 or 0.5x, got '\(text)'", path: path)
    }
    return value
  }

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let speed = try speed(args.value("speed"), path: args.path)
    let simulation = try load(args.positionals[0])
    let durationMs = try RecordCommand.duration(args, "duration", default: simulation.scenario.durationMs)
    let server: SimulatorServer
    do {
      server = try SimulatorServer(simulation: simulation, bind: args.value("bind"), speed: speed)
    } catch {
      throw DataError("\(error)")
    }
    for (target, address) in zip(simulation.targets, server.addresses) {
      console.print("\(target.node) \(target.endpoint): http://\(address)\(target.path)")
    }
    if speed != 1 {
      console.print(
        "speed \(speed)x: a Prometheus scraping this sees rate() \(speed) times higher than the cluster's")
    }
    if let sdPath = args.value("sd-file") {
      var groups: [[String: Any]] = []
      for (target, address) in zip(simulation.targets, server.addresses) {
        var labels = target.labels
        labels["job"] = target.job
        groups.append(["targets": ["\(address)"], "labels": labels])
      }
      let data = try JSONSerialization.data(withJSONObject: groups, options: [.prettyPrinted, .sortedKeys])
      // A discovery file is state rayrec keeps (rewritten while serving), not a result: replaced.
      try OutputFile(sdPath, force: true).produce { try data.write(to: URL(fileURLWithPath: $0)) }
    }
    let stop = SignalStop()
    let live = isatty(2) == 1
    try Blocking.run {
      try await server.start()
      while !stop.flag.isStopped && server.virtualTimeMs < durationMs {
        try await server.sync()
        if live {
          let line =
            "virtual time +\(DurationArgument.format(server.virtualTimeMs / 1000 * 1000)) of \(DurationArgument.format(durationMs))"
          LiveLine.draw(line)
        }
        try? await Task.sleep(for: .milliseconds(100))
      }
      await server.stop()
    }
    if live { LiveLine.clear() }
    let hits = simulation.targets.indices.reduce(0) { $0 + server.hits(target: $1) }
    console.print("served \(hits) requests")
    return 0
  }
}
