import Basics
import Foundation
import Glibc
import HTTP
import Recorder

/// `rayrec record`: scrape live endpoints into an archive.
enum RecordCommand {
  static let spec = CommandSpec(
    name: "record",
    abstract: "Record scrapes of live metrics endpoints into a .rayrec archive.",
    discussion: """
      Scrapes every target concurrently on a fixed schedule (each at its own stable offset within
      the interval, like Prometheus) until --duration has passed or SIGINT/SIGTERM arrives, then
      finishes in-flight scrapes and closes the archive. Failed scrapes (refused, timeout, reset,
      non-2xx, body over the limit, malformed exposition) are recorded as frames too. Discovery
      files are re-read every interval, so targets that join or leave are followed.
      Requests carry Prometheus's headers (Accept preferring OpenMetrics, gzip,
      X-Prometheus-Scrape-Timeout-Seconds). Exits 1 when no scrape succeeded (the archive is still
      written), naming the targets that never answered. An existing --output is not replaced
      unless --force.
      Prometheus's per-scrape limits apply as in its scrape_config (0 = no limit): a body over
      --body-size-limit fails the scrape as it streams in (gzip bodies after decoding) and the
      connection is closed; a scrape over --sample-limit or a label limit fails whole (up == 0)
      with Prometheus's error text. A failed scrape keeps the first 64 KiB of its body. With
      --scenario, --duration is at most the scenario's own.
      --shard I/N splits the targets among N recorders as Prometheus's relabel action hashmod
      does (modulus N over __address__, keep I): each records the targets whose host:port, hashed
      with MD5 (the last 8 bytes as a big-endian number), is I modulo N; 'rayrec merge' joins the
      archives.
      A shard of fixed targets (static --target ones, or a scenario's) that takes none of them is
      an error; with discovery files it is a warning, and targets that join the shard later are
      recorded.
      """,
    options: [
      .option("output", short: "o", value: "FILE", help: "The archive to write (required)."),
      .option(
        "target", value: "[JOB=]URL", repeatable: true, help: "A target: http://host:port/path or host:port."),
      .option(
        "sd-file", value: "PATH", repeatable: true,
        help: "A Prometheus file_sd JSON file, re-read every interval."),
      .optionalValue("ray", value: "DIR", help: "Follow Ray's discovery file in DIR (default /tmp/ray)."),
      .option("interval", value: "DURATION", help: "Scrape interval (default 5s)."),
      .option("timeout", value: "DURATION", help: "Scrape timeout (default 4s, at most the interval)."),
      .option("duration", value: "DURATION", help: "Stop after this long (default: until SIGINT)."),
      .option(
        "label", value: "NAME=VALUE", repeatable: true,
        help: "An extra target label, e.g. ray_io_cluster=prod."),
      .option("job", value: "NAME", help: "The job of targets that do not name one (default rayrec)."),
      .option(
        "accept", value: "prometheus|text|openmetrics", help: "What to ask targets for (default prometheus)."),
      .option(
        "scenario", value: "FILE",
        help: "Record a simulated cluster in virtual time instead (no sockets, no waiting)."),
      .option(
        "shard", value: "I/N",
        help:
          "Record only shard I of N (0 <= I < N): the targets Prometheus's hashmod of host:port puts there."),
      .option(
        "body-size-limit", value: "SIZE",
        help:
          "Fail a scrape whose body, gzip decoded, is larger: 10MB, 64MiB (powers of 1024; default 64MiB, 0 = none)."
      ),
      .option("sample-limit", value: "N", help: "Fail a scrape with more samples (default 0 = none)."),
      .option(
        "label-limit", value: "N",
        help: "Fail a scrape with a series of more labels, target labels included (default 0 = none)."),
      .option(
        "label-name-length-limit", value: "N",
        help: "Fail a scrape with a longer label name (default 0 = none)."),
      .option(
        "label-value-length-limit", value: "N",
        help: "Fail a scrape with a longer label value or metric name (default 0 = none)."),
      .flag("allow-failures", help: "Exit 0 even when no scrape succeeded (default: exit 1)."),
      .force,
    ],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    guard let output = args.value("output") else {
      throw UsageError(message: "missing --output FILE", path: args.path)
    }
    let bodyLimit = try bodySizeLimit(args)
    let limits = try scrapeLimits(args)
    let shard = try shard(args)
    if let scenario = args.value("scenario") {
      return try recordScenario(
        scenario, output, args, &console, bodyLimit: bodyLimit, limits: limits, shard: shard)
    }
    var options = RecordingOptions()
    options.maxBodyBytes = bodyLimit
    options.limits = limits
    options.job = args.value("job") ?? "rayrec"
    options.intervalMs = try duration(args, "interval", default: 5000)
    options.timeoutMs = try duration(args, "timeout", default: min(4000, options.intervalMs))
    guard options.intervalMs > 0 else {
      throw UsageError(message: "--interval must be positive", path: args.path)
    }
    guard options.timeoutMs > 0, options.timeoutMs <= options.intervalMs else {
      throw UsageError(message: "--timeout must be positive and at most the interval", path: args.path)
    }
    if args.value("duration") != nil { options.durationMs = try duration(args, "duration", default: 0) }
    for (name, value) in try ArchiveCommands.labels(args) { options.extraLabels[name] = value }
    options.accept = try accept(args)
    do {
      options.targets = try args.all("target").map { try ScrapeTarget.parse($0, defaultJob: options.job) }
    } catch let error as RecorderError {
      throw UsageError(message: error.description, path: args.path)
    }
    options.discoveryFiles = args.all("sd-file")
    if args.flag("ray") || args.value("ray") != nil {
      options.discoveryFiles.append(FileDiscovery.rayDiscoveryPath(root: args.value("ray") ?? "/tmp/ray"))
    }
    if options.targets.isEmpty && options.discoveryFiles.isEmpty {
      throw UsageError(message: "no targets: give --target, --sd-file, --ray or --scenario", path: args.path)
    }
    options.shard = shard
    // The archive is written in place as scrapes arrive (crash-safe), so refuse before it opens.
    try OutputFile.refuseExisting(output, force: args.flag("force"))
    let recorder = Recorder(options: options, recorderVersion: recorderText(shard: shard))
    if let shard, !options.discoveryFiles.isEmpty {
      let (listed, recorded) = try recorder.startingTargets()
      if recorded.isEmpty {
        // Prometheus carries on with an empty shard too: discovery may bring targets later.
        console.error(
          "\(output): warning: \(shard.emptyReason(addresses: listed.map(\.address))); recording on,"
            + " as Prometheus would: the discovery files are re-read every interval and targets that"
            + " fall in this shard are recorded")
      }
    }
    let stop = SignalStop()
    let live = isatty(2) == 1
    let status = try Blocking.run {
      let client = try HTTPClient(version: rayrecVersion)
      defer { Task { await client.shutdown() } }
      return try await recorder.record(to: output, client: client, stop: stop.flag) { status in
        guard live else { return }
        LiveLine.draw(status.line)
      }
    }
    if live { LiveLine.clear() }
    return summarize(status, output, args, &console)
  }

  static func recordScenario(
    _ path: String, _ output: String, _ args: ParsedArguments, _ console: inout Console, bodyLimit: Int,
    limits: ScrapeLimits, shard: Shard?
  ) throws -> Int32 {
    let simulation = try SimulateCommand.load(path)
    let durationMs = args.value("duration") == nil ? nil : try duration(args, "duration", default: 0)
    let timeoutMs = args.value("timeout") == nil ? nil : try duration(args, "timeout", default: 0)
    var recorder = ScenarioRecorder(
      simulation: simulation, timeoutMs: timeoutMs,
      recorderVersion: recorderText(scenario: path, shard: shard))
    recorder.shard = shard
    recorder.accept = try accept(args)
    recorder.maxBodyBytes = bodyLimit
    recorder.limits = limits
    let (recordedMs, capped) = recorder.duration(requested: durationMs)
    if capped {
      console.error(
        "\(output): warning: --duration \(args.value("duration") ?? "") is longer than the scenario"
          + " (\(DurationText.format(recordedMs))); recording its \(DurationText.format(recordedMs))")
    }
    // Virtual time runs as fast as the machine can write; a signal ends it as it ends a live
    // recording: the archive is closed with the frames so far and put in place.
    let stop = SignalStop()
    let status = try OutputFile(output, force: args.flag("force")).produce {
      try recorder.record(to: $0, durationMs: durationMs, stop: stop.flag)
    }
    if let left = status.remainingMs, left > 0 {
      console.error(
        "\(output): stopped by a signal at \(DurationText.format(status.elapsedMs)) of"
          + " \(DurationText.format(recordedMs)); the archive holds the scrapes before, closed cleanly")
    }
    return summarize(status, output, args, &console)
  }

  /// The closing line, the targets that never answered, and the exit status: 1 when no scrape
  /// succeeded (the archive is kept: it shows how they failed), unless --allow-failures.
  static func summarize(
    _ status: RecordingStatus, _ output: String, _ args: ParsedArguments, _ console: inout Console
  ) -> Int32 {
    console.print(
      "\(output): \(status.frames) frames (\(status.failedFrames) failed), \(status.rawBytes) bytes raw, \(status.storedBytes) stored"
    )
    if !status.neverAnswered.isEmpty {
      console.error(
        "\(output): never answered: \(status.neverAnswered.joined(separator: ", ")) (every scrape failed; 'rayrec info \(output)' says how)"
      )
    }
    let shown = 10
    for name in status.downTargets.prefix(shown) {
      guard let reason = status.downReasons[name] else { continue }
      console.error("\(output): \(name) is down: \(reason)")
    }
    if status.downTargets.count > shown {
      console.error("\(output): \(status.downTargets.count - shown) more targets are down")
    }
    guard status.succeededFrames == 0, !args.flag("allow-failures") else { return 0 }
    console.error(
      "\(output): error: no scrape succeeded (\(status.frames) frames, all failed); the archive is kept; pass --allow-failures to exit 0 anyway"
    )
    return 1
  }

  /// `--body-size-limit` in bytes (`Int.max` for 0, no limit); 64 MiB when not given.
  static func bodySizeLimit(_ args: ParsedArguments) throws -> Int {
    guard let text = args.value("body-size-limit") else { return RecordingOptions().maxBodyBytes }
    guard let bytes = ByteSizeArgument.bytes(text) else {
      throw UsageError(
        message: "--body-size-limit: invalid size '\(text)': \(ByteSizeArgument.expected)", path: args.path)
    }
    return bytes == 0 ? .max : bytes
  }

  /// `--sample-limit` and the label limits: whole numbers, 0 (the default) for no limit.
  static func scrapeLimits(_ args: ParsedArguments) throws -> ScrapeLimits {
    func count(_ name: String) throws -> Int {
      guard let text = args.value(name) else { return 0 }
      guard let value = Int(text), value >= 0 else {
        throw UsageError(
          message: "--\(name): '\(text)' is not a whole number from 0 (no limit) to \(Int.max)",
          path: args.path)
      }
      return value
    }
    return ScrapeLimits(
      sampleLimit: try count("sample-limit"), labelLimit: try count("label-limit"),
      labelNameLengthLimit: try count("label-name-length-limit"),
      labelValueLengthLimit: try count("label-value-length-limit"))
  }

  /// `--shard I/N`, nil when not given.
  static func shard(_ args: ParsedArguments) throws -> Shard? {
    guard let text = args.value("shard") else { return nil }
    do {
      return try Shard.parse(text)
    } catch {
      throw UsageError(message: "--shard: \(error)", path: args.path)
    }
  }

  /// What the archive header says wrote it: `info` shows it, so a shard's archive says which
  /// shard it is (the format has no field of its own for it).
  static func recorderText(scenario: String? = nil, shard: Shard?) -> String {
    let notes = [scenario.map { "scenario \($0)" }, shard.map { "shard \($0)" }].compactMap { $0 }
    return "rayrec \(rayrecVersion)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
  }

  /// The `Accept` header `--accept` asks for; nil means Prometheus's own.
  static func accept(_ args: ParsedArguments) throws -> String? {
    switch args.value("accept") ?? "prometheus" {
    case "prometheus": return nil
    case "text": return "text/plain;version=0.0.4;q=1,*/*;q=0.1"
    case "openmetrics": return "application/openmetrics-text;version=1.0.0"
    case let other: throw UsageError(message: "unknown --accept '\(other)'", path: args.path)
    }
  }

  static func duration(_ args: ParsedArguments, _ name: String, default value: Int64) throws -> Int64 {
    guard let text = args.value(name) else { return value }
    guard let ms = DurationText.milliseconds(text) else {
      throw UsageError(
        message: "--\(name): invalid duration '\(text)' (e.g. 5s, 1m30s; at most 290y)", path: args.path)
    }
    return ms
  }
}
