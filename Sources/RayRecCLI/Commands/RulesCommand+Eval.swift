import Exposition
import Foundation
import PromQL
import Rules
import SeriesStore

extension RulesCommand {
  static let eval = CommandSpec(
    name: "eval",
    abstract: "Evaluate rule files over a recording: the alert timeline of the incident.",
    discussion: """
      Evaluates every group of the rule files over the recording as Prometheus's rule manager
      would have: each group at its interval (--interval for groups without one, default 1m), rules
      in order, recording-rule output visible to later rules, alerts pending, firing and resolved
      with for and keep_firing_for. Prints each alert instance's labels, when it went pending, fired
      and resolved (recorded time and offset from the recording's start), its rendered annotations,
      what each recording rule produced, and alerts that never went pending. The last positional is
      the recording. --json prints the same as JSON. Evaluation times are multiples of the interval.
      """,
    options: [
      .option("from", value: "TIME", help: "First evaluation time (default start)."),
      .option("to", value: "TIME", help: "Last evaluation time (default end)."),
      .option("interval", value: "DURATION", help: "Interval of groups that name none (default 1m)."),
      .option("label", value: "NAME=VALUE", repeatable: true, help: "An extra label on every target."),
      .option(
        "external-label", value: "NAME=VALUE", repeatable: true, help: "$externalLabels for templates."),
      .option("external-url", value: "URL", help: "$externalURL for templates."),
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .flag("no-staleness", help: "Write no staleness markers for the recorded series."),
      .flag("json", help: "Print the timeline as JSON."),
    ] + QueryLimitOptions.options,
    positionals: [
      PositionalSpec("rules-and-archive", help: "Rule files, then the recording.", variadic: true)
    ],
    action: { args, console in try runEval(args, &console) })

  static func runEval(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let prometheus2 = try compat(args)
    guard args.positionals.count >= 2 else {
      throw UsageError(message: "give one or more rule files, then the recording", path: args.path)
    }
    var files: [RuleFile] = []
    for path in args.positionals.dropLast() {
      do {
        files.append(try loadRuleFile(path, prometheus2: prometheus2))
      } catch let error as RuleFileError {
        throw DataError(error.description)
      }
    }
    var options = RuleEvaluationOptions()
    options.prometheus2 = prometheus2
    options.defaultInterval = try RecordCommand.duration(args, "interval", default: 60_000)
    guard options.defaultInterval > 0 else {
      throw UsageError(message: "--interval must be positive", path: args.path)
    }
    options.externalLabels = Dictionary(try pairs(args, "external-label"), uniquingKeysWith: { $1 })
    options.externalURL = args.value("external-url") ?? ""
    let limits = try QueryLimitOptions(args)
    options.queryTimeout = limits.timeout
    options.maxSamples = limits.maxSamples
    let fromArgument = try QueryCommand.time(args, "from", "start")
    let toArgument = try QueryCommand.time(args, "to", "end")
    let store = try openStore(
      args, args.positionals[args.positionals.count - 1], prometheus2: prometheus2, &console)
    let from = fromArgument.resolve(start: store.startMs, end: store.endMs)
    let to = toArgument.resolve(start: store.startMs, end: store.endMs)
    guard from <= to else { throw UsageError(message: "--from is after --to", path: args.path) }
    let timeline = RuleTimeline.evaluate(files: files, storage: store, start: from, end: to, options: options)
    if args.flag("json") {
      console.print(timeline.json(recordingStart: store.startMs))
    } else {
      for line in timeline.lines(recordingStart: store.startMs) { console.print(line) }
    }
    // A rule whose query fails is unhealthy in Prometheus: the run says so by its exit code.
    return timeline.failureCount > 0 ? 1 : 0
  }

  /// The recording as a series store, with `--label`, `--compat`, `--no-staleness`.
  static func openStore(
    _ args: ParsedArguments, _ path: String, prometheus2: Bool, _ console: inout Console
  ) throws -> SeriesStore {
    var storeOptions = prometheus2 ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    storeOptions.staleness = !args.flag("no-staleness")
    storeOptions.extraLabels = try ArchiveCommands.labels(args).map { Exposition.Label($0.0, $0.1) }
    return try ArchiveCommands.store(try ArchiveCommands.read(path, &console), storeOptions, &console)
  }

  static func pairs(_ args: ParsedArguments, _ name: String) throws -> [(String, String)] {
    try args.all(name).map { pair in
      guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
        throw UsageError(message: "--\(name) wants NAME=VALUE, got '\(pair)'", path: args.path)
      }
      return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
    }
  }
}
