import Dashboards
import Exposition
import Foundation
import PromQL
import Report
import SeriesStore

/// `rayrec check dashboard`: runs every panel of Grafana dashboards over a recording.
enum CheckDashboardCommand {
  static let spec = CommandSpec(
    name: "dashboard",
    abstract: "Check that every panel of Grafana dashboards shows data over a recording.",
    discussion: """
      Evaluates each non-hidden target of every panel the way Grafana would (variables resolved
      against the recording, $__interval and $__rate_interval from the panel width and the scrape
      interval, range queries aligned to the step, instant ones at the end) and prints per panel:
      data, no data (with the reason: a metric or label value the recording lacks) or error.
      Exits 1 when a panel errors, or shows no data and no --allow-empty pattern matches its
      title (with or without its row: 'Row / Title'). A pattern is a shell glob matching the whole
      title ('*GPU*') or, between slashes, a regex found anywhere in it ('/GPU|TPU/'); a pattern
      that matches no panel gets a warning. Panels whose only data is a constant fallback
      ('... or vector(0)', a threshold line) are reported as "fallback only", not data.
      A dashboard that does not parse is reported (and written to --junit as an error case);
      the others are still checked.
      --var NAME=VALUE picks a variable's value (repeat for several; All selects All).
      """,
    options: evaluationOptions + [
      .flag("json", help: "Print the results as JSON."),
      .option("junit", value: "FILE", help: "Also write a JUnit XML report to FILE."),
      .option("report", value: "FILE", help: "Also write the HTML report ('rayrec report') to FILE."),
      .force,
      RulesCommand.rulesOption,
    ],
    positionals: [
      PositionalSpec("dashboard", help: "Grafana dashboard JSON files.", variadic: true),
      PositionalSpec("archive", help: "The recording."),
    ],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let paths = Array(args.positionals.dropLast())
    let archivePath = args.positionals[args.positionals.count - 1]
    var overrides: [String: [String]] = [:]
    for item in args.all("var") {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        throw UsageError(message: "--var wants NAME=VALUE, got '\(item)'", path: args.path)
      }
      overrides[String(item[..<eq]), default: []].append(String(item[item.index(after: eq)...]))
    }
    var patterns: [PanelPattern] = []
    for text in args.all("allow-empty") {
      do { patterns.append(try PanelPattern(text)) } catch {
        throw UsageError(message: "--allow-empty: \(error.description)", path: args.path)
      }
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
    if let junit = args.value("junit") { try OutputFile.refuseExisting(junit, force: args.flag("force")) }
    if let report = args.value("report") { try OutputFile.refuseExisting(report, force: args.flag("force")) }
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    // Read every dashboard first: a malformed file is reported before the recording is loaded.
    var dashboards: [Dashboard] = []
    var unreadable: [DashboardError] = []
    for path in paths {
      do { dashboards.append(try Dashboard.load(path)) } catch { unreadable.append(error) }
    }
    for error in unreadable { console.error(error.description) }
    if dashboards.isEmpty, let junit = args.value("junit") {
      try writeJUnit(
        JUnitReport(suites: unreadable.map(JUnitReport.unreadable)).xml, to: junit, force: args.flag("force"))
    }
    if dashboards.isEmpty { return 1 }
    var storeOptions = compat == "2" ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    storeOptions.staleness = !args.flag("no-staleness")
    storeOptions.extraLabels = try ArchiveCommands.labels(args).map { Exposition.Label($0.0, $0.1) }
    // Usage errors before the recording is read.
    for name in ["from", "to"] where args.value(name) != nil { _ = try QueryCommand.time(args, name, "") }
    let reader = try ArchiveCommands.read(archivePath, &console)
    let store = try ArchiveCommands.store(reader, storeOptions, &console)
    func time(_ name: String, _ fallback: Int64) throws -> Int64 {
      guard args.value(name) != nil else { return fallback }
      return try QueryCommand.time(args, name, "").resolve(start: store.startMs, end: store.endMs)
    }
    let from = try time("from", store.startMs)
    let to = try time("to", store.endMs)
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

    var checks: [DashboardCheck] = []
    for dashboard in dashboards {
      let results = evaluator.evaluate(dashboard)
      checks.append(DashboardCheck(dashboard: dashboard, results: results, patterns: patterns))
    }
    if let junit = args.value("junit") {
      let suites = checks.map(\.junitSuite) + unreadable.map(JUnitReport.unreadable)
      try writeJUnit(JUnitReport(suites: suites).xml, to: junit, force: args.flag("force"))
    }
    if let report = args.value("report") {
      let input = ReportInput(
        recording: RecordingSummary(reader: reader), from: from, to: to, dashboards: checks,
        unreadable: unreadable.map(\.description), timeline: timeline, variables: args.all("var"))
      _ = try ReportCommand.write(input, to: report, force: args.flag("force"))
    }
    for pattern in patterns
    where !checks.contains(where: { check in check.results.contains(where: pattern.matches) }) {
      console.error("warning: --allow-empty \(pattern) matched no panel\(pattern.hint)")
    }
    if args.flag("json") {
      console.print(DashboardCheck.json(checks))
    } else {
      for check in checks {
        for line in check.textLines { console.print(line) }
      }
    }
    return checks.contains { $0.failed > 0 } || !unreadable.isEmpty ? 1 : 0
  }

  /// The options of commands that evaluate dashboards over a recording (`check dashboard`, `report`).
  static let evaluationOptions: [OptionSpec] =
    [
      .option(
        "var", value: "NAME=VALUE", repeatable: true, help: "A template variable's value; All selects All."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra label on every target (e.g. ray_io_cluster=e2e)."),
      .option("from", value: "TIME", help: "Dashboard range start (default: the recording's start)."),
      .option("to", value: "TIME", help: "Dashboard range end (default: the recording's end)."),
      .option(
        "allow-empty", value: "PATTERN", repeatable: true,
        help: "Panels whose title matches may show no data (glob, or /regex/)."),
      .option("scrape-interval", value: "DURATION", help: "The datasource's scrape interval (default 15s)."),
      .option("width", value: "PIXELS", help: "Dashboard width that sets max data points (default 1920)."),
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .flag("no-staleness", help: "Write no staleness markers, as data backfilled with promtool behaves."),
    ] + QueryLimitOptions.options

  static func writeJUnit(_ xml: String, to path: String, force: Bool) throws {
    try OutputFile(path, force: force).produce { temporary in
      let sink = try FileSink.create(temporary)
      try sink.write(Array(xml.utf8))
      try sink.close()
    }
  }
}
