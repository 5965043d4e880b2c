import Archive
import Basics
import Exposition
import Foundation
import Glibc
import HTTP
import PromAPI
import Recorder
import Rules
import SeriesStore

/// `rayrec serve`: Prometheus's HTTP API over recordings, for Grafana, promtool and any client.
enum ServeCommand {
  static let spec = CommandSpec(
    name: "serve",
    abstract: "Serve recordings through Prometheus's HTTP API (for Grafana, promtool, curl).",
    discussion: """
      Loads the recordings once and answers /api/v1/query, query_range, series, labels, label
      values, metadata, targets, rules, alerts and the status endpoints as a Prometheus that had
      scraped the recorded targets would, at the recorded times. Several archives are served side
      by side; ARCHIVE,NAME=VALUE,... puts labels on one archive's targets. --rules evaluates rule
      files over the whole recording (/api/v1/rules and /api/v1/alerts as of its end). --time-shift
      now serves the recording as if it had ended when the server started. Serves until SIGINT or
      SIGTERM.
      """,
    options: [
      .option("listen", value: "HOST:PORT", help: "Address to listen on (default 127.0.0.1:9090)."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra label on every target (e.g. ray_io_cluster=prod)."),
      .option(
        "rules", value: "FILE", repeatable: true,
        help: "A Prometheus rule file to evaluate over the recording."),
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .flag("no-staleness", help: "Write no staleness markers, as data backfilled with promtool behaves."),
      .option(
        "time-shift", value: "now|DURATION", help: "Serve the recording moved in time: 'now' ends it now."),
      .option("max-concurrency", value: "N", help: "Queries evaluated at once (default: the CPU count)."),
    ] + QueryLimitOptions.options(timeout: "query-timeout"),
    positionals: [
      PositionalSpec(
        "archive", help: "Recordings, each optionally followed by ,NAME=VALUE labels.", variadic: true)
    ],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let begun = ContinuousClock.now
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    guard !args.positionals.isEmpty else {
      throw UsageError(message: "give one or more recordings", path: args.path)
    }
    let listen = args.value("listen") ?? "127.0.0.1:9090"
    guard let colon = listen.lastIndex(of: ":"), let port = UInt16(listen[listen.index(after: colon)...])
    else {
      throw UsageError(message: "--listen wants HOST:PORT, got '\(listen)'", path: args.path)
    }
    let host = String(listen[..<colon])
    let address: SocketAddress
    do {
      address = try SocketAddress.resolve(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    } catch {
      throw UsageError(message: "--listen: \(error)", path: args.path)
    }
    var options = ServedRecording.Options()
    options.prometheus2 = compat == "2"
    options.store = options.prometheus2 ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    options.store.staleness = !args.flag("no-staleness")
    options.store.extraLabels = try ArchiveCommands.labels(args).map { Exposition.Label($0.0, $0.1) }
    options.ruleOptions.prometheus2 = options.prometheus2
    for path in args.all("rules") {
      do {
        options.ruleFiles.append(try RulesCommand.loadRuleFile(path, prometheus2: options.prometheus2))
      } catch let error as RuleFileError {
        throw DataError(error.description)
      }
    }
    var configuration = PrometheusAPI.Configuration()
    configuration.rayrecVersion = rayrecVersion
    configuration.listenAddress = listen
    configuration.maxConcurrency = ProcessInfo.processInfo.activeProcessorCount
    if let text = args.value("max-concurrency") {
      guard let n = Int(text), n > 0, n <= 1024 else {
        throw UsageError(message: "--max-concurrency wants 1 to 1024, got '\(text)'", path: args.path)
      }
      configuration.maxConcurrency = n
    }
    let limits = try QueryLimitOptions(args, timeoutOption: "query-timeout")
    configuration.maxSamples = limits.maxSamples
    configuration.queryTimeout = limits.timeout
    var sources: [ServedRecording.Source] = []
    for argument in args.positionals {
      let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
      var labels: [(name: String, value: String)] = []
      for part in parts.dropFirst() {
        guard let eq = part.firstIndex(of: "="), eq != part.startIndex else {
          throw UsageError(message: "'\(argument)': labels after the path are NAME=VALUE", path: args.path)
        }
        labels.append((String(part[..<eq]), String(part[part.index(after: eq)...])))
      }
      sources.append(.init(reader: try ArchiveCommands.open(String(parts[0])), labels: labels))
    }
    let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
    if let shift = args.value("time-shift") {
      if shift == "now" {
        let end = sources.compactMap { $0.reader.frames.map(\.timeMs).max() }.max() ?? nowMs
        options.timeShift = nowMs - end
      } else {
        let negative = shift.hasPrefix("-")
        guard let ms = DurationText.milliseconds(String(negative ? shift.dropFirst() : shift[...])) else {
          throw UsageError(message: "--time-shift wants now or a duration, got '\(shift)'", path: args.path)
        }
        options.timeShift = negative ? -ms : ms
      }
    }
    let recording: ServedRecording
    do {
      recording = try ServedRecording(sources: sources, options: options)
    } catch {
      throw DataError("\(error)")
    }
    for warning in recording.warnings { console.error(warning) }
    configuration.startedAtMs = nowMs
    let server: APIServer
    let bound: SocketAddress
    do {
      server = try APIServer(api: PrometheusAPI(recording: recording, configuration: configuration))
      bound = try server.start(address)
    } catch {
      throw DataError("cannot listen on \(listen): \(error)")
    }
    let loaded = ContinuousClock.now - begun
    let seconds = Double(loaded.components.seconds) + Double(loaded.components.attoseconds) / 1e18
    console.print(
      "serving \(args.positionals.count) recording(s), \(recording.targetCount) target(s), "
        + "\(recording.seriesCount) series on http://\(bound)")
    console.print(
      "recorded time: \(APITime.format(recording.startMs)) to \(APITime.format(recording.endMs))"
        + (options.timeShift != 0 ? " (shifted by \(options.timeShift / 1000)s)" : ""))
    console.print(String(format: "ready in %.2fs", seconds))
    let stop = SignalStop()
    while !stop.flag.isStopped { usleep(100_000) }
    try Blocking.run { await server.stop() }
    console.print("stopped")
    return 0
  }
}
