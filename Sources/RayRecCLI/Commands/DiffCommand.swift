import Dashboards
import PromQL
import RecordingDiff
import SeriesStore

/// `rayrec diff`: what changed between two recordings, and which dashboard panels it breaks.
enum DiffCommand {
  static let spec = CommandSpec(
    name: "diff",
    abstract: "What changed between two recordings: targets, metric families, labels, values, panels.",
    discussion: """
      Lists targets only in A or only in B; metric families added or removed, and those whose TYPE
      or HELP changed (from each target's last successful scrape); metrics (series names) added or
      removed, whose label names or series count changed, and whose values moved by more than
      --factor (largest magnitude); with --dashboard, the panels that have data over one recording
      and not over the other, with the reasons. The use: "we upgraded Ray; what breaks in our
      dashboards?". Exits 0, or with --exit-code 1 when anything differs.
      """,
    options: [
      .option(
        "dashboard", value: "FILE", repeatable: true, help: "A Grafana dashboard to evaluate over both."),
      .option("factor", value: "X", help: "List value ranges that moved by more than this (default 10)."),
      .flag("json", help: "Print the differences as JSON."),
      .flag("exit-code", help: "Exit 1 when the recordings differ."),
    ],
    positionals: [
      PositionalSpec("a", help: "The recording before."), PositionalSpec("b", help: "The recording after."),
    ],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    var factor = 10.0
    if let text = args.value("factor") {
      guard let value = Double(text), value > 1, value.isFinite else {
        throw UsageError(message: "--factor wants a number above 1, got '\(text)'", path: args.path)
      }
      factor = value
    }
    var dashboards: [Dashboard] = []
    for path in args.all("dashboard") {
      do { dashboards.append(try Dashboard.load(path)) } catch { throw DataError(error.description) }
    }
    var profiles: [RecordingProfile] = []
    var results: [[[PanelResult]]] = []
    for path in args.positionals {
      let reader = try ArchiveCommands.read(path, &console)
      let store = try ArchiveCommands.store(reader, SeriesStoreOptions(), &console)
      profiles.append(RecordingProfile(reader: reader, store: store))
      let evaluator = DashboardEvaluator(engine: Engine(storage: store), from: store.startMs, to: store.endMs)
      results.append(dashboards.map { evaluator.evaluate($0) })
    }
    var diff = RecordingDiff(profiles[0], profiles[1], factor: factor)
    for (index, dashboard) in dashboards.enumerated() {
      diff.compare(dashboard: dashboard.title, results[0][index], results[1][index])
    }
    if args.flag("json") {
      console.print(diff.json)
    } else {
      console.print("A: \(args.positionals[0])")
      console.print("B: \(args.positionals[1])")
      for line in diff.textLines { console.print(line) }
    }
    return args.flag("exit-code") && !diff.isEmpty ? 1 : 0
  }
}
