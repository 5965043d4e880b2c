/// What `rayrec slice` keeps of an archive: frames in a time range, of some targets.
public struct ArchiveSlice: Sendable, Equatable {
  /// Frames at or after this time (unix ms); nil: from the first.
  public var fromMs: Int64?
  /// Frames before this time (unix ms; exclusive, so slices cut at one instant join back
  /// exactly); nil: to the last.
  public var toMs: Int64?
  /// Ids of the targets kept; nil: all of them.
  public var targetIDs: Set<UInt32>?

  /// Everything.
  public init(fromMs: Int64? = nil, toMs: Int64? = nil, targetIDs: Set<UInt32>? = nil) {
    self.fromMs = fromMs
    self.toMs = toMs
    self.targetIDs = targetIDs
  }

  /// Whether `frame` (of a kept target or not) is in the slice.
  public func keeps(_ summary: FrameSummary) -> Bool {
    if let targetIDs, !targetIDs.contains(summary.targetID) { return false }
    if let fromMs, summary.timeMs < fromMs { return false }
    if let toMs, summary.timeMs >= toMs { return false }
    return true
  }
}

/// The outcome of ``ArchiveReader/slice(_:to:options:)``.
public struct SliceReport: Sendable, Equatable {
  /// Frames written.
  public var framesWritten = 0
  /// Frames in the slice that did not decode and were left out.
  public var damaged = DamagedFrames()
  /// Targets in the new archive.
  public var targets = 0
}

extension ArchiveReader {
  /// Writes a new, cleanly closed archive at `path` holding the frames `slice` keeps, each
  /// byte for byte as recorded. Frames are decoded only up to the last one kept; a delta frame
  /// kept after its keyframe was cut away is written again as a keyframe, by the writer.
  /// - Throws: ``ArchiveError`` only when the new archive cannot be written.
  @discardableResult
  public func slice(
    _ slice: ArchiveSlice, to path: String, options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) throws(ArchiveError) -> SliceReport {
    var report = SliceReport()
    let kept = targets.filter { slice.targetIDs?.contains($0.id) ?? true }
    report.targets = kept.count
    let header = ArchiveHeader(
      createdMs: self.header.createdMs, recorderVersion: self.header.recorderVersion, targets: kept,
      formatVersion: self.header.formatVersion)
    let writer = try ArchiveWriter(path: path, header: header, options: options)
    // Past the last kept frame nothing more needs decoding.
    let last = frames.lastIndex { slice.keeps($0) } ?? -1
    var cursor = makeCursor()
    while cursor.position <= last {
      let position = cursor.position
      // A frame of a target not kept is skipped without decoding: chains are per target.
      if let ids = slice.targetIDs, !ids.contains(frames[position].targetID) {
        cursor.skip()
        continue
      }
      guard let (frame, _) = cursor.nextIntact(skipping: &report.damaged) else { break }
      // Damaged frames skipped on the way move the frame read past `position`.
      guard slice.keeps(frames[cursor.position - 1]) else { continue }
      try writer.append(frame)
      report.framesWritten += 1
    }
    try writer.close()
    return report
  }
}
