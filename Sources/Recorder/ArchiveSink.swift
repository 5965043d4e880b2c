import Archive

/// The one owner of the archive writer during a recording: scrapes finish concurrently and hand
/// their frames here, where they are written one at a time, in completion order.
///
/// The first failed write (a full disk, an I/O error) is kept and every later frame refused, so
/// the recorder can stop with that error instead of writing on after a hole.
actor ArchiveSink {
  private let writer: ArchiveWriter
  private(set) var status = RecordingStatus()
  private var health = TargetHealth()
  /// The first write that failed; nothing is written after it.
  private(set) var failure: ArchiveError?

  init(path: String, header: ArchiveHeader) throws(ArchiveError) {
    writer = try ArchiveWriter(path: path, header: header)
    status.storedBytes = writer.bytesWritten
    for target in header.targets { health.know(target) }
  }

  func add(_ target: ArchiveTarget) {
    guard failure == nil else { return }
    do {
      try writer.addTarget(target)
    } catch {
      failure = error
      return
    }
    health.know(target)
  }

  func append(_ frame: Frame) {
    guard failure == nil else { return }
    do {
      try writer.append(frame)
    } catch {
      failure = error
      return
    }
    status.frames += 1
    if frame.outcome.isFailure { status.failedFrames += 1 }
    status.rawBytes += frame.body.count
    status.storedBytes = writer.bytesWritten
    health.note(frame)
    health.apply(to: &status)
  }

  func forget(_ targetID: UInt32) {
    health.forget(targetID)
    health.apply(to: &status)
  }

  func noteSkipped() { status.skipped += 1 }

  func close() throws(ArchiveError) -> RecordingStatus {
    try writer.close()
    status.storedBytes = writer.bytesWritten
    return status
  }
}
