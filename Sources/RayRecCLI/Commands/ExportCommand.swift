import Archive
import Exposition
import SeriesStore

/// `rayrec export`: OpenMetrics with timestamps, for backfill into Prometheus, or a push into any
/// store that takes Prometheus remote write.
enum ExportCommand {
  static let spec = CommandSpec(
    name: "export",
    abstract: "Export an archive as OpenMetrics for promtool backfill, or push it with remote write.",
    discussion: """
      Writes every scrape's samples with the target's labels (job, instance, extra labels) and the
      scrape's time, plus up, scrape_duration_seconds and scrape_samples_scraped, as Prometheus
      records them. Load it with:
        promtool tsdb create-blocks-from openmetrics FILE DATA_DIR
      What backfill cannot carry: staleness markers. In Prometheus, a series that disappears from
      a scrape, or every series of a failed scrape, is marked stale at once; in backfilled data it
      just stops, and queries keep returning its last value for the 5m lookback. Exemplars are
      dropped (backfill does not store them).

      With --remote-write URL, the recording is pushed instead (Prometheus remote write 1.0:
      snappy-compressed protobuf) with its recorded timestamps: the series `rayrec query` reads,
      with up and every scrape_* series, staleness markers where series end, and the metadata
      (HELP, TYPE, UNIT) of each target's last scrape. A Prometheus takes it at /api/v1/write
      when started with --web.enable-remote-write-receiver (and, for samples older than its
      newest by more than an hour, storage.tsdb.out_of_order_time_window). Requests are sent
      like Prometheus's queue manager sends them: series hashed to --shards, batches of at most
      --batch-size samples, 5xx and 429 retried with exponential backoff (Retry-After honoured),
      other answers reported with the server's message. Exits 1 when anything was not delivered.
      --from/--to keep samples at or after --from and before --to.
      """,
    options: [
      .option("format", value: "openmetrics", help: "The output format (only openmetrics)."),
      .option("output", short: "o", value: "FILE", help: "Write here instead of standard output."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra label on every series (e.g. ray_io_cluster)."),
      .option("from", value: "TIME", help: "Export samples at or after this time (default start)."),
      .option("to", value: "TIME", help: "Export samples before this time (default: through the end)."),
      .force,
    ] + RemoteWriteOptions.specs,
    positionals: [PositionalSpec("archive", help: "The archive.")],
    action: { args, console in
      if args.value("remote-write") != nil { return try RemoteWriteOptions.run(args, &console) }
      try RemoteWriteOptions.refuseWithoutURL(args)
      let format = args.value("format") ?? "openmetrics"
      guard format == "openmetrics" else {
        throw UsageError(message: "unknown --format '\(format)' (only openmetrics)", path: args.path)
      }
      let window = try timeWindow(args)
      let reader = try ArchiveCommands.read(args.positionals[0], &console)
      var export = OpenMetricsExport(extraLabels: try ArchiveCommands.labels(args).map { Label($0.0, $0.1) })
      (export.fromMs, export.toMs) = try resolve(window, reader, args)
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

  /// `--from` and `--to` (nil when not given), checked before anything is read.
  static func timeWindow(_ args: ParsedArguments) throws -> (from: TimeArgument?, to: TimeArgument?) {
    let from = try args.value("from").map { _ in try QueryCommand.time(args, "from", "start") }
    let to = try args.value("to").map { _ in try QueryCommand.time(args, "to", "end") }
    return (from, to)
  }

  /// The window in unix ms over the recording's frames: `from` inclusive, `to` exclusive, open
  /// ends as `Int64.min`/`Int64.max`.
  static func resolve(
    _ window: (from: TimeArgument?, to: TimeArgument?), _ reader: ArchiveReader, _ args: ParsedArguments
  ) throws -> (Int64, Int64) {
    let first = reader.stats.firstTimeMs ?? 0
    let last = reader.stats.lastTimeMs ?? 0
    let from = window.from?.resolve(start: first, end: last) ?? .min
    let to = window.to?.resolve(start: first, end: last) ?? .max
    guard to > from else { throw UsageError(message: "--to must be after --from", path: args.path) }
    return (from, to)
  }
}
