import Archive
import Exposition
import SeriesStore

/// `rayrec export`: OpenMetrics with timestamps, for backfill into Prometheus.
enum ExportCommand {
  static let spec = CommandSpec(
    name: "export",
    abstract: "Export an archive as OpenMetrics with sample timestamps (for promtool backfill).",
    discussion: """
      Writes every scrape's samples with the target's labels (job, instance, extra labels) and the
      scrape's time, plus up, scrape_duration_seconds and scrape_samples_scraped, as Prometheus
      records them. Load it with:
        promtool tsdb create-blocks-from openmetrics FILE DATA_DIR
      What backfill cannot carry: staleness markers. In Prometheus, a series that disappears from
      a scrape, or every series of a failed scrape, is marked stale at once; in backfilled data it
      just stops, and queries keep returning its last value for the 5m lookback. Exemplars are
      dropped (backfill does not store them).
      """,
    options: [
      .option("format", value: "openmetrics", help: "The output format (only openmetrics)."),
      .option("output", short: "o", value: "FILE", help: "Write here instead of standard output."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra label on every series (e.g. ray_io_cluster)."),
      .force,
    ],
    positionals: [PositionalSpec("archive", help: "The archive.")],
    action: { args, console in
      let format = args.value("format") ?? "openmetrics"
      guard format == "openmetrics" else {
        throw UsageError(message: "unknown --format '\(format)' (only openmetrics)", path: args.path)
      }
      let reader = try ArchiveCommands.read(args.positionals[0], &console)
      let export = OpenMetricsExport(extraLabels: try ArchiveCommands.labels(args).map { Label($0.0, $0.1) })
      if let output = args.value("output") {
        let report = try OutputFile(output, force: args.flag("force")).produce { temporary in
          let sink = try FileSink.create(temporary)
          let report = try export.export(reader) { try sink.write($0) }
          try sink.close()
          return report
        }
        console.print("\(output): \(report.frames) frames, \(report.samples) samples")
      } else {
        var out = console
        _ = try export.export(reader) { out.write(bytes: $0) }
        console = out
      }
      return 0
    })
}
