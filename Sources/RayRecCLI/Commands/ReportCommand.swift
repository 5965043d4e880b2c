import Archive
import Dashboards
import Exposition
import Foundation
import PromQL
import Report
import Rules
import SeriesStore

/// `rayrec report`: the recording drawn as Grafana would show it, as one HTML file.
enum ReportCommand {
  static let spec = CommandSpec(
    name: "report",
    abstract: "Write an HTML report: every panel of dashboards drawn over a recording, and the alerts.",
    discussion: """
      Writes one self-contained HTML file (inline CSS and SVG, no script, nothing fetched): a
      header with the recording's targets and a strip per target of how each scrape ended (up,
      refused, timeout, 5xx, malformed); with --rules, the alert timeline (pending and firing spans
      per alert instance) on the panels' time axis; then per dashboard its rows and panels in
      Grafana's grid layout, each evaluated as 'check dashboard' evaluates it: time series as line
      charts (legend, unit, decimals, min/max, thresholds, stacking), stat, gauge and bar gauge as
      the panel's calculation, tables as tables, and the verdict with the no-data reason. Lines are
      reduced to the panel's width in pixels. What cannot be drawn (an unknown panel type, a broken
      fieldConfig, more series than a panel draws) is said in the panel. The page follows the
      browser's light or dark preference. An existing -o file is replaced only with --force.
      """,
    options: [
      .option(
        "dashboard", value: "FILE", repeatable: true, help: "A Grafana dashboard JSON file (repeatable)."),
      RulesCommand.rulesOption,
      .option("output", short: "o", value: "FILE", help: "The HTML file to write."),
      .force,
    ] + CheckDashboardCommand.evaluationOptions,
    positionals: [PositionalSpec("archive", help: "The recording.")],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    guard let output = args.value("output") else {
      throw UsageError(message: "give the HTML file to write with -o FILE", path: args.path)
    }
    try OutputFile.refuseExisting(output, force: args.flag("force"))
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    var patterns: [PanelPattern] = []
    for text in args.all("allow-empty") {
      do { patterns.append(try PanelPattern(text)) } catch {
        throw UsageError(message: "--allow-empty: \(error.description)", path: args.path)
      }
    }
    let overrides = try RulesCommand.pairs(args, "var").reduce(into: [String: [String]]()) {
      $0[$1.0, default: []].append($1.1)
    }
    let scrape = try RecordCommand.duration(args, "scrape-interval", default: 15_000)
    let limits = try QueryLimitOptions(args)
    guard scrape > 0 else { throw UsageError(message: "--scrape-interval must be positive", path: args.path) }
    var width = 1920
    if let text = args.value("width") {
      guard let w = Int(text), w > 0, w < 100_000 else {
        throw UsageError(message: "--width: invalid pixel count '\(text)'", path: args.path)
      }
      width = w
    }
    var dashboards: [Dashboard] = []
    var unreadable: [String] = []
    for path in args.all("dashboard") {
      do { dashboards.append(try Dashboard.load(path)) } catch {
        console.error(error.description)
        unreadable.append(error.description)
      }
    }
    var storeOptions = compat == "2" ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    storeOptions.staleness = !args.flag("no-staleness")
    storeOptions.extraLabels = try ArchiveCommands.labels(args).map { Exposition.Label($0.0, $0.1) }
    let fromArgument = try QueryCommand.time(args, "from", "start")
    let toArgument = try QueryCommand.time(args, "to", "end")
    let reader = try ArchiveCommands.read(args.positionals[0], &console)
    let store = try ArchiveCommands.store(reader, storeOptions, &console)
    let from = fromArgument.resolve(start: store.startMs, end: store.endMs)
    let to = toArgument.resolve(start: store.startMs, end: store.endMs)
    guard to >= from else { throw UsageError(message: "--to is before --from", path: args.path) }
    let (storage, timeline) = try RulesCommand.storageAndTimeline(args, store, prometheus2: compat == "2")
    var engine = Engine(storage: storage)
    engine.prometheus2Semantics = compat == "2"
    limits.apply(to: &engine)
    var evaluator = DashboardEvaluator(engine: engine, from: from, to: to)
    evaluator.parserOptions.prometheus2Functions = compat == "2"
    evaluator.scrapeIntervalMs = scrape
    evaluator.dashboardWidthPixels = width
    evaluator.overrides = overrides
    let checks = dashboards.map {
      DashboardCheck(dashboard: $0, results: evaluator.evaluate($0), patterns: patterns)
    }
    let input = ReportInput(
      recording: RecordingSummary(reader: reader), from: from, to: to, dashboards: checks,
      unreadable: unreadable, timeline: timeline, variables: args.all("var"))
    let size = try write(input, to: output, force: args.flag("force"))
    let panels = checks.reduce(0) { $0 + $1.results.count }
    console.error("wrote \(output): \(checks.count) dashboards, \(panels) panels, \(size) bytes")
    return unreadable.isEmpty ? 0 : 1
  }

  /// Writes the report atomically; returns its size in bytes.
  static func write(_ input: ReportInput, to path: String, force: Bool) throws -> Int {
    let html = Array(ReportWriter(input).html().utf8)
    try OutputFile(path, force: force).produce { temporary in
      let sink = try FileSink.create(temporary)
      try sink.write(html)
      try sink.close()
    }
    return html.count
  }
}
