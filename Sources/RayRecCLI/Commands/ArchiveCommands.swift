import Archive
import Basics
import Foundation
import SeriesStore

/// `import`, `info`, `cat`, `verify`, `repair`: making and reading `.rayrec` archives.
enum ArchiveCommands {
  static let importSpec = CommandSpec(
    name: "import",
    abstract: "Build an archive from a tree of timestamped scrape dumps.",
    discussion: """
      DIR holds one directory per target, named HOST:PORT, with <unix_ms>.prom bodies, optional
      <unix_ms>.headers (the HTTP status line and headers as received) and <unix_ms>.error files
      (a failed scrape; the text says what failed). This is how curl dumps become an archive.
      """,
    options: [
      .option("output", short: "o", value: "FILE", help: "The archive to write (required)."),
      .option("job", value: "NAME", help: "The job label of the imported targets (default import)."),
      .option("label", value: "NAME=VALUE", repeatable: true, help: "An extra target label."),
      .option(
        "interval", value: "DURATION", help: "The scrape interval to record (default: the median gap)."),
      .force,
    ],
    positionals: [PositionalSpec("dir", help: "The dump tree.")],
    action: { args, console in
      guard let output = args.value("output") else {
        throw UsageError(message: "missing --output FILE", path: args.path)
      }
      var importer = ArchiveImporter(
        job: args.value("job") ?? "import", recorderVersion: "rayrec \(rayrecVersion) import")
      importer.labels = try labels(args).map { ArchiveTarget.Label($0.0, $0.1) }
      if args.value("interval") != nil {
        importer.intervalMs = try RecordCommand.duration(args, "interval", default: 0)
      }
      let dir = args.positionals[0]
      let report = try OutputFile(output, force: args.flag("force")).produce {
        try importer.importDump(from: dir, to: $0)
      }
      console.print(
        "\(output): \(report.targets.count) targets, \(report.frames) frames (\(report.failedFrames) failed), \(report.samples) samples, \(report.rawBytes) bytes raw, \(report.storedBytes) stored, \(String(format: "%.3f", report.bytesPerSample)) bytes/sample, \(String(format: "%.0f", report.megabytesPerSecond)) MB/s"
      )
      return 0
    })

  static let infoSpec = CommandSpec(
    name: "info", abstract: "Describe an archive: targets, time range, frames, series, sizes.",
    options: [.flag("json", help: "Print JSON.")],
    positionals: [PositionalSpec("archive", help: "The archive.")],
    action: { args, console in
      let reader = try open(args.positionals[0])
      let stats = reader.stats
      let census = ArchiveCensus.count(reader)
      if let warning = census.damaged.warning(path: reader.path) { console.error(warning) }
      let perSample = census.total.samples > 0 ? Double(stats.storedBytes) / Double(census.total.samples) : 0
      if args.flag("json") {
        var targets: [JSONValue] = []
        for t in reader.targets {
          let frames = reader.summaries(target: t.id)
          let failures = Dictionary(
            grouping: frames.compactMap {
              $0.failure?.description ?? ($0.isFailure ? "http \($0.status)" : nil)
            },
            by: { $0 }
          ).mapValues { JSONValue($0.count) }
          targets.append([
            "id": JSONValue(t.id), "url": JSONValue(t.url), "instance": JSONValue(t.instance),
            "job": JSONValue(t.job),
            "labels": JSONValue(Dictionary(t.labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })),
            "interval_ms": JSONValue(t.intervalMs), "timeout_ms": JSONValue(t.timeoutMs),
            "frames": JSONValue(frames.count), "failed_frames": JSONValue(frames.filter(\.isFailure).count),
            "failures": JSONValue(failures), "series": JSONValue(census.byTarget[t.id]?.series ?? 0),
            "samples": JSONValue(census.byTarget[t.id]?.samples ?? 0),
          ])
        }
        let object: JSONValue = [
          "path": JSONValue(reader.path), "format_version": JSONValue(reader.header.formatVersion),
          "recorder": JSONValue(reader.header.recorderVersion),
          "created_ms": JSONValue(reader.header.createdMs),
          "closed_cleanly": JSONValue(reader.closedCleanly), "start_ms": JSONValue(stats.firstTimeMs ?? 0),
          "end_ms": JSONValue(stats.lastTimeMs ?? 0), "frames": JSONValue(stats.frames),
          "failed_frames": JSONValue(stats.failedFrames), "keyframes": JSONValue(stats.keyframes),
          "series": JSONValue(census.total.series), "samples": JSONValue(census.total.samples),
          "raw_bytes": JSONValue(stats.rawBytes), "stored_bytes": JSONValue(stats.storedBytes),
          "bytes_per_sample": JSONValue(perSample), "ratio": JSONValue(stats.compressionRatio),
          "targets": JSONValue(targets), "damaged_frames": JSONValue(census.damaged.count),
        ]
        console.print(object.prettyText())
        return 0
      }
      console.print(
        "archive:    \(reader.path) (format \(reader.header.formatVersion), \(reader.header.recorderVersion))"
      )
      console.print(
        "state:      \(reader.closedCleanly ? "closed cleanly" : "not closed cleanly (index rebuilt by a scan)")"
      )
      if let first = stats.firstTimeMs, let last = stats.lastTimeMs {
        console.print(
          "time:       \(RFC3339.format(first)) .. \(RFC3339.format(last)) (\(DurationText.format(last - first)))"
        )
      }
      console.print(
        "frames:     \(stats.frames) (\(stats.failedFrames) failed, \(stats.keyframes) keyframes)")
      console.print("series:     \(census.total.series)")
      console.print("samples:    \(census.total.samples)")
      console.print(
        "bytes:      \(stats.rawBytes) raw, \(stats.storedBytes) stored, ratio \(String(format: "%.1f", stats.compressionRatio))x, \(String(format: "%.3f", perSample)) bytes/sample"
      )
      console.print("targets:")
      for t in reader.targets {
        let frames = reader.summaries(target: t.id)
        let failures = Dictionary(
          grouping: frames.filter(\.isFailure), by: { $0.failure?.description ?? "http \($0.status)" }
        )
        .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
        let labels = t.labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
        console.print(
          "  \(t.instance)  job=\(t.job)\(labels.isEmpty ? "" : " {\(labels)}")  every \(DurationText.format(t.intervalMs))  \(frames.count) frames\(failures.isEmpty ? "" : " (failed: \(failures))")  \(census.byTarget[t.id]?.series ?? 0) series"
        )
      }
      return 0
    })

  static let catSpec = CommandSpec(
    name: "cat", abstract: "Print the exact body (and headers) of the frame in effect at a time.",
    discussion: "TIME is RFC 3339, unix seconds, or relative to the recording: start, +90s, end, end-1m.",
    options: [
      .option("target", value: "HOST:PORT|URL", help: "The target (may be left out when there is one)."),
      .option("at", value: "TIME", help: "The time (default end)."),
      .flag("headers", help: "Print the status line and headers first, like curl -i."),
    ],
    positionals: [PositionalSpec("archive", help: "The archive.")],
    action: { args, console in
      let reader = try read(args.positionals[0], &console)
      let target = try pickTarget(reader, args.value("target"), path: args.path)
      let stats = reader.stats
      guard let first = stats.firstTimeMs, let last = stats.lastTimeMs else {
        throw DataError("\(reader.path): no frames")
      }
      let atText = args.value("at") ?? "end"
      guard let at = TimeArgument(atText) else {
        throw UsageError(
          message: "--at: invalid time '\(atText)' (\(TimeArgument.forms))", path: args.path)
      }
      let t = at.resolve(start: first, end: last)
      if t > last {
        console.error(
          "note: --at \(atText) is \(RFC3339.format(t)), past the end of the recording (\(RFC3339.format(last))): showing the last frame of \(target.instance)"
        )
      }
      guard let frame = try reader.frame(target: target.id, at: t) else {
        let firstOfTarget =
          reader.summaries(target: target.id).first.map { RFC3339.format($0.timeMs) } ?? "none"
        throw DataError(
          "\(reader.path): no frame of \(target.instance) at or before \(RFC3339.format(t)) (its first frame: \(firstOfTarget))"
        )
      }
      if args.flag("headers") {
        switch frame.outcome {
        case .response(let status): console.print("HTTP/1.1 \(status)")
        case .failed(let kind, let message): console.print("# scrape failed (\(kind)): \(message)")
        }
        console.print("# frame: \(RFC3339.format(frame.timeMs)), took \(frame.durationMicros) µs")
        for h in frame.headers { console.print("\(h.name): \(h.value)") }
        if frame.headers.isEmpty && !frame.contentType.isEmpty {
          console.print("Content-Type: \(frame.contentType)")
        }
        console.print("")
      }
      console.write(bytes: frame.body)
      return 0
    })

  static let verifySpec = CommandSpec(
    name: "verify", abstract: "Decode and check every frame; exit 1 at the first problem.",
    positionals: [PositionalSpec("archive", help: "The archive.")],
    action: { args, console in
      let reader = try open(args.positionals[0])
      let result = reader.verify()
      if let problem = result.firstProblem {
        console.error("\(reader.path): \(problem)")
        console.error(
          "\(decodeCount(result)); 'rayrec repair' keeps every intact frame"
        )
        return 1
      }
      if !result.closedCleanly {
        console.error(
          "\(reader.path): byte \(reader.fileSize): no index or footer: the archive was not closed cleanly")
        console.error(
          "\(decodeCount(result)); 'rayrec repair' writes a closed copy"
        )
        return 1
      }
      console.print("\(reader.path): ok: \(result.framesDecoded) frames decoded and checked")
      return 0
    })

  /// `N of M frames decode`, M counting frames whose records vanished in damaged stretches.
  static func decodeCount(_ result: ArchiveVerification) -> String {
    let lost = result.framesMissing > 0 ? " (\(result.framesMissing) lost in damaged stretches)" : ""
    return "\(result.framesDecoded) of \(result.framesWritten) frames decode\(lost)"
  }

  static let repairSpec = CommandSpec(
    name: "repair", abstract: "Write a new, cleanly closed archive with every intact frame.",
    options: [
      .option("output", short: "o", value: "FILE", help: "The repaired archive (required)."), .force,
    ],
    positionals: [PositionalSpec("archive", help: "The damaged archive.")],
    action: { args, console in
      guard let output = args.value("output") else {
        throw UsageError(message: "missing --output FILE", path: args.path)
      }
      let reader = try open(args.positionals[0])
      let report = try OutputFile(output, force: args.flag("force")).produce { try reader.repair(to: $0) }
      console.print(
        "\(output): \(report.framesWritten) frames kept, \(report.framesLost) lost (\(report.framesUndecodable) undecodable, \(report.framesMissing) missing)\(report.truncatedTailOffset.map { ", torn tail at byte \($0) dropped" } ?? "")"
      )
      return 0
    })

  static func open(_ path: String) throws -> ArchiveReader {
    do { return try ArchiveReader(path: path) } catch { throw DataError(error.description) }
  }

  /// Opens an archive to read its data, saying on standard error when it was not closed cleanly
  /// (what it holds and how to repair it), so a partial copy is never read silently.
  static func read(_ path: String, _ console: inout Console) throws -> ArchiveReader {
    let reader = try open(path)
    if let warning = reader.unfinishedWarning { console.error(warning) }
    return reader
  }

  /// The series of `reader`, saying on standard error which damaged frames were skipped.
  static func store(_ reader: ArchiveReader, _ options: SeriesStoreOptions, _ console: inout Console) throws
    -> SeriesStore
  {
    let store = try SeriesStore(reader: reader, options: options)
    if let warning = store.damagedFrames.warning(path: reader.path) { console.error(warning) }
    return store
  }

  static func labels(_ args: ParsedArguments) throws -> [(String, String)] {
    try args.all("label").map { label in
      guard let eq = label.firstIndex(of: "="), eq != label.startIndex else {
        throw UsageError(message: "--label wants NAME=VALUE, got '\(label)'", path: args.path)
      }
      return (String(label[..<eq]), String(label[label.index(after: eq)...]))
    }
  }

  static func pickTarget(_ reader: ArchiveReader, _ name: String?, path: [String]) throws -> ArchiveTarget {
    guard let name else {
      guard reader.targets.count == 1 else {
        throw UsageError(
          message: "--target is required: \(reader.targets.map(\.instance).joined(separator: ", "))",
          path: path)
      }
      return reader.targets[0]
    }
    let matches = reader.targets.filter { $0.instance == name || $0.url == name || "\($0.id)" == name }
    guard let target = matches.first else {
      throw DataError(
        "\(reader.path): no target '\(name)'; targets: \(reader.targets.map(\.instance).joined(separator: ", "))"
      )
    }
    return target
  }
}
