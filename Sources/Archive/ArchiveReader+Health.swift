import Basics

extension ArchiveReader {
  /// What every reader of the archive (query, dashboards, replay, export, the test DSL) says on
  /// standard error when the archive was not closed cleanly: why, what it holds (frames up to
  /// which time), and how to get a closed copy. Nil for a cleanly closed archive.
  ///
  /// An archive that is not closed cleanly is a recording that was killed, is still being
  /// written, or was cut short (a partial copy); reading it silently would pass tests over a
  /// fraction of the data.
  public var unfinishedWarning: String? {
    guard !closedCleanly else { return nil }
    let stats = self.stats
    let why =
      truncatedTailOffset.map { "it ends inside a record at byte \($0) of \(fileSize)" }
      ?? "it has no index or footer"
    let damaged = diagnostics.filter {
      if case .truncatedTail = $0 { return false }
      return true
    }.count
    let held: String
    if let first = stats.firstTimeMs, let last = stats.lastTimeMs {
      held =
        "\(stats.frames) frame\(stats.frames == 1 ? "" : "s") from \(RFC3339.format(first)) to \(RFC3339.format(last))"
        + " (\(DurationText.format(max(0, last - first))))"
    } else {
      held = "no frames"
    }
    return
      "\(path): warning: the archive was not closed cleanly (\(why): the recorder was stopped hard, is still "
      + "writing, or the file was cut short)\(damaged > 0 ? ", \(damaged) damaged stretch(es) skipped" : ""); "
      + "it holds \(held); run 'rayrec repair \(path) -o REPAIRED.rayrec' to keep a closed copy"
  }
}
