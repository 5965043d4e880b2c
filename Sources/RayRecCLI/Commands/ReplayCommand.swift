import Archive
import Basics
import Glibc
import HTTP
import Recorder
import Replay

/// `rayrec replay`: serve an archive's scrapes again on the original ports.
enum ReplayCommand {
  static let spec = CommandSpec(
    name: "replay",
    abstract: "Serve a recording's scrapes again on the original ports, at any speed.",
    discussion: """
      Every target is served on its original port (plus --port-offset) on the --bind address;
      targets from different original hosts that share a port get distinct loopback addresses
      (127.0.0.2, ...). At each moment a target answers with its latest frame at or before the
      virtual time v = from + (now - start) * speed: status, content type and body as recorded
      (gzip when asked), on any path. Failed scrapes replay as recorded: refused (the port is
      closed), timeout (no answer), HTTP 5xx, reset mid-body, malformed body.
      At a speed other than 1 an unmodified Prometheus stamps samples with its own clock: rate()
      reads `speed` times the recorded rate and a [5m] range covers 5m*speed of the recording.
      --timestamps writes the recorded times into the bodies instead (see the README for what
      Prometheus accepts). --loop restarts the window: counters restart too, which rate() treats
      as a counter reset; --loop=continue carries counters (and histogram and summary counts and
      sums) on from their last value instead, so a long soak test sees no resets. Stops at the end of the window (unless --loop) or on SIGINT/SIGTERM;
      the discovery files are then rewritten empty (atomically), so a Prometheus following them
      drops the targets rather than alerting on them as down (--keep-sd-file leaves them).
      """,
    options: [
      .option("speed", value: "FACTOR", help: "Recorded time per wall time: 10x, 0.5x, 1 (default 1)."),
      .optionalValue(
        "loop", value: "continue",
        help: "Start over at the end of the window, forever (continue: counters carry on)."),
      .flag("step", help: "Each request advances its target by one frame (deterministic tests)."),
      .option("from", value: "TIME", help: "Window start: RFC 3339, unix seconds, +90s, end-1m."),
      .option("to", value: "TIME", help: "Window end (default: last frame plus one interval)."),
      .option("bind", value: "ADDR", help: "Address to serve on (default 127.0.0.1)."),
      .option("port-offset", value: "N", help: "Add N to every original port."),
      .option(
        "map", value: "HOST:PORT=HOST:PORT", repeatable: true,
        help: "Serve the original address on this one (port 0: any free port)."),
      .option("sd-file", value: "PATH", help: "Keep a Prometheus file_sd JSON of the served targets here."),
      .option("ray-sd-file", value: "PATH", help: "Keep Ray's discovery-file JSON here."),
      .flag(
        "keep-sd-file",
        help: "Leave the discovery files listing the targets on exit (default: rewritten empty)."),
      .optionalValue(
        "timestamps", value: "recorded|shifted",
        help: "Write sample timestamps into bodies: recorded times, or shifted to end now."),
      .option("status-port", value: "N", help: "Status endpoint port on 127.0.0.1 (default: any free)."),
      .flag("quiet", short: "q", help: "Print nothing but errors."),
    ],
    positionals: [PositionalSpec("archive", help: "The .rayrec archive to replay.")],
    action: { args, console in try run(args, &console) })

  /// The usage error of a `--speed` that is not one (replay's and simulate's).
  static func speedError(_ text: String) -> String {
    "--speed: '\(text)' is not a speed (e.g. 10x, 0.5x, 1; from 0.000001 to 1000000)"
  }

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let reader = try ArchiveCommands.read(args.positionals[0], &console)
    let stats = reader.stats
    guard let first = stats.firstTimeMs, let last = stats.lastTimeMs else {
      throw DataError("\(reader.path): the archive has no frames")
    }
    var options = ReplayOptions()
    if let text = args.value("speed") {
      guard let speed = ReplaySpeed(text) else {
        throw UsageError(message: speedError(text), path: args.path)
      }
      options.speed = speed
    }
    if let mode = args.value("loop") {
      guard mode == "continue" else {
        throw UsageError(message: "--loop: want --loop or --loop=continue, got '\(mode)'", path: args.path)
      }
      options.continuesCounters = true
    }
    options.loops = args.flag("loop") || options.continuesCounters
    options.step = args.flag("step")
    options.fromMs = try time(args, "from", first: first, last: last)
    options.toMs = try time(args, "to", first: first, last: last)
    options.sdFile = args.value("sd-file")
    options.raySDFile = args.value("ray-sd-file")
    options.keepDiscoveryFiles = args.flag("keep-sd-file")
    if args.flag("timestamps") || args.value("timestamps") != nil {
      let mode = args.value("timestamps") ?? "recorded"
      guard let timestamps = ReplayOptions.Timestamps(rawValue: mode), timestamps != .off else {
        throw UsageError(message: "--timestamps: want recorded or shifted, got '\(mode)'", path: args.path)
      }
      options.timestamps = timestamps
    }
    if let text = args.value("status-port") {
      guard let port = UInt16(text) else {
        throw UsageError(message: "--status-port: '\(text)' is not a port", path: args.path)
      }
      options.statusAddress = SocketAddress(host: "127.0.0.1", port: port)
    }
    let offsetText = args.value("port-offset") ?? "0"
    guard let offset = Int(offsetText), abs(offset) < 65536 else {
      throw UsageError(message: "--port-offset: '\(offsetText)' is not a number", path: args.path)
    }
    let plan: PortPlan
    let replayer: Replayer
    do throws(ReplayError) {
      let maps = try args.all("map").map { text throws(ReplayError) in try PortPlan.Mapping(parsing: text) }
      plan = try PortPlan(
        targets: reader.targets, bind: args.value("bind") ?? "127.0.0.1", portOffset: offset, maps: maps)
      replayer = try Replayer(reader: reader, plan: plan, options: options)
    } catch {
      if case .invalidOption = error { throw UsageError(message: error.description, path: args.path) }
      throw DataError(error.description)
    }
    do {
      try Blocking.run { try await replayer.start() }
    } catch {
      throw DataError("\(error)")
    }
    let quiet = args.flag("quiet")
    if !quiet { printPlan(replayer, archive: args.positionals[0], &console) }
    let stop = SignalStop()
    let live = isatty(2) == 1 && !quiet
    while !replayer.isFinished && !stop.flag.isStopped {
      usleep(100_000)
      if live { LiveLine.draw(replayer.status().line(loops: options.loops)) }
    }
    // Let the last answers leave before closing the connections.
    usleep(100_000)
    let final = replayer.status()
    try Blocking.run { await replayer.stop() }
    if live { LiveLine.clear() }
    if !quiet {
      let hits = final.targets.reduce(0) { $0 + $1.hits }
      let how = final.finished ? "finished" : "stopped"
      console.print("replay \(how): \(hits) requests answered")
    }
    return 0
  }

  static func time(_ args: ParsedArguments, _ name: String, first: Int64, last: Int64) throws -> Int64? {
    guard let text = args.value(name) else { return nil }
    guard let parsed = TimeArgument(text) else {
      throw UsageError(
        message: "--\(name): '\(text)' is not a time (\(TimeArgument.forms))", path: args.path)
    }
    return parsed.resolve(start: first, end: last)
  }

  static func printPlan(_ replayer: Replayer, archive: String, _ console: inout Console) {
    let clock = replayer.clock
    let mode = replayer.options.step ? "step mode (one frame per request)" : "speed \(clock.speed)"
    console.print(
      "replaying \(archive): \(replayer.addresses.count) targets, \(RFC3339.format(clock.fromMs)) to \(RFC3339.format(clock.toMs)) (\(DurationText.format(clock.lengthMs))), \(mode)\(clock.loops ? ", looping" : "")"
    )
    for (original, address) in replayer.addresses { console.print("  \(original) -> \(address)") }
    if let status = replayer.statusAddress { console.print("status: http://\(status)/") }
    if let path = replayer.options.sdFile { console.print("file_sd: \(path)") }
    if let path = replayer.options.raySDFile { console.print("ray discovery file: \(path)") }
    for note in notes(replayer) { console.print("note: \(note)") }
  }

  /// What Prometheus will see: with its own clock (rates scaled by the speed), or with the
  /// samples' own times (where they land, and what still carries Prometheus's clock).
  static func notes(_ replayer: Replayer) -> [String] {
    let clock = replayer.clock
    let factor = clock.speed.factor
    guard !replayer.options.step else { return [] }
    let length = DurationText.format(clock.lengthMs)
    let plays = DurationText.format(Int64((Double(clock.lengthMs) / factor).rounded()))
    switch replayer.options.timestamps {
    case .off:
      guard factor != 1 else { return [] }
      let window = DurationText.format(Int64((300_000 * factor).rounded()))
      return [
        "at \(clock.speed) an unmodified Prometheus stamps samples with its own clock: rate() and increase() read \(clock.speed) the recorded rates, a [5m] range covers \(window) of the recording, and \(length) of recording plays in \(plays). Use --timestamps to store recorded time instead."
      ]
    case .recorded, .shifted:
      let shift = replayer.options.timestamps == .shifted ? replayer.timestampShiftMs : 0
      let from = RFC3339.format(clock.fromMs &+ shift)
      let to = RFC3339.format(clock.toMs &+ shift)
      let lands =
        replayer.options.timestamps == .shifted
        ? "moved by \(DurationText.format(shift)), so the window lands at \(from) .. \(to), ending as the replay started"
        : "their recorded times, \(from) .. \(to) (Prometheus drops samples over about an hour older than its newest: use --timestamps=shifted for older recordings)"
      return [
        "every sample carries its own time, \(lands); rate() and increase() read the recorded rates and a [5m] range covers 5m of the recording at any speed. \(length) of recording is served in \(plays). Prometheus's own up and scrape_* series still carry its clock, and it writes no staleness markers for stamped samples."
      ]
    }
  }
}
