public import Archive

/// A whole archive redacted: every target and every frame through one ``Redactor``, so a token
/// gets one pseudonym everywhere.
public enum ArchiveRedaction {
  /// The outcome.
  public struct Report: Sendable {
    /// Frames written (or, checking, read).
    public var frames = 0
    /// Replacements per kind.
    public var counts: [TokenKind: Int] = [:]
    /// Per kind, original to pseudonym (what `--mapping` writes).
    public var mapping: [TokenKind: [String: String]] = [:]
    /// Frames that did not decode and were left out.
    public var damaged = DamagedFrames()
    /// Whether anything was (or would be) replaced.
    public var found: Bool { counts.values.contains { $0 > 0 } }
  }

  /// Writes `reader`'s archive redacted at `path`; with `path` nil only counts what would be
  /// replaced (`--check`).
  public static func redact(
    _ reader: ArchiveReader, to path: String?, rules: RedactionRules, key: [UInt8],
    options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) throws(RedactionError) -> Report {
    var redactor = try Redactor(rules: rules, key: key)
    var report = Report()
    let targets = reader.targets.map { redactor.redact($0) }
    var writer: ArchiveWriter?
    do throws(ArchiveError) {
      if let path {
        let header = ArchiveHeader(
          createdMs: reader.header.createdMs, recorderVersion: reader.header.recorderVersion,
          targets: targets, formatVersion: reader.header.formatVersion)
        writer = try ArchiveWriter(path: path, header: header, options: options)
      }
      var cursor = reader.makeCursor()
      while let (frame, _) = cursor.nextIntact(skipping: &report.damaged) {
        let redacted = redactor.redact(frame)
        try writer?.append(redacted)
        report.frames += 1
      }
      try writer?.close()
    } catch {
      throw RedactionError(error.description)
    }
    report.counts = redactor.counts
    report.mapping = redactor.mapping
    return report
  }
}
