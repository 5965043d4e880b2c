import Exposition

/// `rayrec check ...`: validators, like `promtool check`.
enum CheckCommand {
  static let spec = CommandSpec(
    name: "check", abstract: "Check metrics text and Grafana dashboards.",
    subcommands: [metrics, CheckDashboardCommand.spec])

  static let metrics = CommandSpec(
    name: "metrics",
    abstract: "Check exposition text, like 'promtool check metrics'.",
    discussion: """
      Reads Prometheus text 0.0.4 or OpenMetrics 1.0 from FILE (or standard input) and prints a
      one-line summary, or FILE:LINE:COL: message for the first problem. Text 0.0.4 is checked as
      leniently as Prometheus's scrape parser; OpenMetrics strictly, against the whole
      specification. With --format auto (the default), a body that ends in '# EOF' is OpenMetrics.
      """,
    options: [
      .option("format", value: "auto|text|openmetrics", help: "The format to check against (default: auto).")
    ],
    positionals: [
      PositionalSpec("file", help: "The file to check; '-' or nothing for standard input.", optional: true)
    ],
    action: { args, console in
      let path = args.positionals.first ?? "-"
      let format: ExpositionFormat?
      switch args.value("format") ?? "auto" {
      case "auto": format = nil
      case "text": format = .text
      case "openmetrics": format = .openMetrics
      case let other:
        throw UsageError(
          message: "unknown format '\(other)' (expected auto, text or openmetrics)", path: args.path)
      }
      let bytes = try FileInput.read(path)
      let chosen = format ?? ExpositionFormat(sniffing: bytes)
      let shown = path == "-" ? "<stdin>" : path
      do {
        let families = try MetricFamily.parse(bytes, format: chosen)
        let summary = ExpositionSummary(families: families)
        console.print(
          "\(shown): ok (\(chosen == .text ? "text 0.0.4" : "OpenMetrics 1.0")): \(summary.families) families, \(summary.series) series, \(summary.samples) samples"
        )
        return 0
      } catch let error as ExpositionError {
        console.error("\(shown):\(error.line):\(error.column): \(error.message)")
        return 1
      }
    })
}
