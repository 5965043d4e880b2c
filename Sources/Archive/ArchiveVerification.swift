/// The outcome of ``ArchiveReader/verify()``: every frame decoded and checked.
public struct ArchiveVerification: Sendable, Equatable {
  /// One thing found wrong.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// Position of the frame in ``ArchiveReader/frames`` (file order), when the problem is a frame.
    public var frameNumber: Int?
    /// Byte offset in the archive.
    public var offset: Int
    /// What failed.
    public var error: ArchiveError

    public var description: String {
      (frameNumber.map { "frame \($0): " } ?? "") + error.description
    }
  }

  /// Frames listed by the index (or found by the scan).
  public var framesChecked = 0
  /// Frames that decoded and matched their checksums.
  public var framesDecoded = 0
  /// Frames whose records vanished in damaged stretches (sequence numbers missing between the
  /// frames found), not among ``framesChecked``.
  public var framesMissing = 0
  /// Every frame the recorder wrote, as far as the sequence numbers tell.
  public var framesWritten: Int { framesChecked + framesMissing }
  /// Everything wrong, sorted by offset.
  public var problems: [Problem] = []
  /// Footer and index were present and valid.
  public var closedCleanly = false
  /// Where the file ends inside a record, if it does.
  public var truncatedTailOffset: Int?

  /// The first problem in file order (what `rayrec verify` reports).
  public var firstProblem: Problem? { problems.first }
  /// No problems and a valid footer.
  public var isClean: Bool { problems.isEmpty && closedCleanly }
}

/// The outcome of ``ArchiveReader/repair(to:options:)``.
public struct RepairReport: Sendable, Equatable {
  /// Frames written to the new archive.
  public var framesWritten = 0
  /// Frames that were listed but could not be decoded (damaged, or coded against a damaged or
  /// missing frame: everything up to the target's next usable keyframe).
  public var framesUndecodable = 0
  /// Frames whose records were unreadable (sequence numbers missing between the frames found).
  public var framesMissing = 0
  /// Damaged stretches of the file that were skipped.
  public var damagedStretches = 0
  /// Where the original ended inside a record, if it did.
  public var truncatedTailOffset: Int?

  /// Frames lost in total.
  public var framesLost: Int { framesUndecodable + framesMissing }
}

extension ArchiveReader {
  /// Decodes every frame and checks its checksums; never throws, never stops at the first problem.
  public func verify() -> ArchiveVerification {
    var result = ArchiveVerification()
    result.framesChecked = frames.count
    result.closedCleanly = closedCleanly
    result.truncatedTailOffset = truncatedTailOffset
    result.framesMissing = missingFrames
    for diagnostic in diagnostics {
      result.problems.append(
        .init(frameNumber: nil, offset: diagnostic.offset ?? fileSize, error: diagnostic))
    }
    var cursor = makeCursor()
    while cursor.position < frames.count {
      let position = cursor.position
      do {
        guard try cursor.next() != nil else { break }
        result.framesDecoded += 1
      } catch {
        // `rayrec verify` names the file once, in front of the problem.
        result.problems.append(
          .init(frameNumber: position, offset: frames[position].offset, error: error.underlying))
      }
    }
    result.problems.sort { ($0.offset, $0.frameNumber ?? -1) < ($1.offset, $1.frameNumber ?? -1) }
    return result
  }

  /// Writes a new, cleanly closed archive at `path` holding every frame that still decodes.
  ///
  /// Frames coded against a damaged frame are lost up to their target's next usable keyframe;
  /// the report says how many. Targets added after the header move into the new header.
  /// - Throws: ``ArchiveError`` only when the new archive cannot be written.
  @discardableResult
  public func repair(
    to path: String, options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) throws(ArchiveError) -> RepairReport {
    var report = RepairReport()
    report.truncatedTailOffset = truncatedTailOffset
    report.damagedStretches =
      diagnostics.filter {
        if case .truncatedTail = $0 { return false }
        return true
      }.count
    var header = self.header
    header.targets = targets
    let writer = try ArchiveWriter(path: path, header: header, options: options)
    var cursor = makeCursor()
    while cursor.position < frames.count {
      let frame: Frame?
      do {
        frame = try cursor.next()
      } catch {
        report.framesUndecodable += 1
        continue
      }
      guard let frame else { break }
      try writer.append(frame)
      report.framesWritten += 1
    }
    report.framesMissing = missingFrames
    try writer.close()
    return report
  }

  /// Frames whose records are gone: each target numbers its frames from 0, so a gap in the
  /// sequence numbers found is frames lost in a damaged stretch.
  var missingFrames: Int {
    var missing = 0
    for list in positionsByTarget.values {
      var expected: UInt64 = 0
      for position in list {
        let sequence = frames[position].sequence
        if sequence > expected { missing += Int(clamping: sequence - expected) }
        expected = max(expected, sequence &+ 1)
      }
    }
    return missing
  }
}
