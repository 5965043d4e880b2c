import Archive
import Basics

/// `slice` and `merge`: recordings cut and joined as test fixtures.
enum FixtureCommands {
  static let sliceSpec = CommandSpec(
    name: "slice", abstract: "Write the part of a recording between two times, of some targets.",
    discussion: """
      Keeps the frames at or after --from and before --to (exclusive, so slices cut at one time
      join back exactly with 'rayrec merge'; without --to, up to and with the last frame), of
      every target or of the --target ones (instance, URL or id, as 'cat' takes them). Frames
      are kept byte for byte. Times: RFC 3339, unix seconds, start, +90s, end, end-1m.
      """,
    options: [
      .option("from", value: "TIME", help: "First time kept (default: the first frame)."),
      .option("to", value: "TIME", help: "Keep frames before this time (default: all)."),
      .option("target", value: "TARGET", repeatable: true, help: "Keep only this target (repeatable)."),
      .option("output", short: "o", value: "FILE", help: "The new archive (required)."), .force,
    ],
    positionals: [PositionalSpec("archive", help: "The recording.")],
    action: { args, console in
      guard let output = args.value("output") else {
        throw UsageError(message: "missing --output FILE", path: args.path)
      }
      let from = try args.value("from").map { _ in try QueryCommand.time(args, "from", "start") }
      let to = try args.value("to").map { _ in try QueryCommand.time(args, "to", "end") }
      try OutputFile.refuseExisting(output, force: args.flag("force"))
      let reader = try ArchiveCommands.read(args.positionals[0], &console)
      let first = reader.stats.firstTimeMs ?? 0
      let last = reader.stats.lastTimeMs ?? 0
      var slice = ArchiveSlice()
      slice.fromMs = from?.resolve(start: first, end: last)
      slice.toMs = to?.resolve(start: first, end: last)
      if let fromMs = slice.fromMs, let toMs = slice.toMs, toMs <= fromMs {
        throw UsageError(message: "--to must be after --from", path: args.path)
      }
      let names = args.all("target")
      if !names.isEmpty {
        slice.targetIDs = Set(
          try names.map { try ArchiveCommands.pickTarget(reader, $0, path: args.path).id })
      }
      guard reader.frames.contains(where: slice.keeps) else {
        throw DataError(
          "\(reader.path): no frame of the chosen targets between --from and --to; nothing written")
      }
      let report = try OutputFile(output, force: args.flag("force")).produce {
        try reader.slice(slice, to: $0)
      }
      if let warning = report.damaged.warning(path: reader.path) { console.error(warning) }
      console.print("\(output): \(report.framesWritten) frames of \(report.targets) target(s)")
      return 0
    })

  static let mergeSpec = CommandSpec(
    name: "merge", abstract: "Join recordings: targets side by side, one target's slices in time order.",
    discussion: """
      Targets found in one input only are put side by side; the same target (URL, job and
      labels) in several inputs, such as the slices of one recording or the shards of several
      recorders, is joined in time order. Inputs that hold the same target over overlapping times
      are refused, naming the target and both inputs. Frames are kept byte for byte.
      """,
    options: [.option("output", short: "o", value: "FILE", help: "The new archive (required)."), .force],
    positionals: [PositionalSpec("archive", help: "The recordings (two or more).", variadic: true)],
    action: { args, console in
      guard let output = args.value("output") else {
        throw UsageError(message: "missing --output FILE", path: args.path)
      }
      guard args.positionals.count >= 2 else {
        throw UsageError(message: "give two or more recordings to merge", path: args.path)
      }
      try OutputFile.refuseExisting(output, force: args.flag("force"))
      var readers: [ArchiveReader] = []
      for path in args.positionals { readers.append(try ArchiveCommands.read(path, &console)) }
      let report: ArchiveMerge.Report
      do {
        report = try OutputFile(output, force: args.flag("force")).produce {
          try ArchiveMerge.merge(readers, to: $0)
        }
      } catch let error as ArchiveError {
        guard case .overlap(let target, let first, let a, let second, let b) = error else { throw error }
        throw DataError(
          "target \(target) is in \(first) (\(RFC3339.format(a.lowerBound)) to \(RFC3339.format(a.upperBound))) and in \(second) (\(RFC3339.format(b.lowerBound)) to \(RFC3339.format(b.upperBound))): the times overlap, so they cannot be joined"
        )
      }
      for (path, damaged) in report.damaged.sorted(by: { $0.key < $1.key }) {
        if let warning = damaged.warning(path: path) { console.error(warning) }
      }
      console.print(
        "\(output): \(report.framesWritten) frames of \(report.targets) target(s), \(report.joinedTargets) joined from several inputs"
      )
      return 0
    })
}
