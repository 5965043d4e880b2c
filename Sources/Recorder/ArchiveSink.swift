import Archive
import Synchronization

/// The one owner of the archive writer during a recording: scrapes finish concurrently and hand
/// their frames here, where they are written one at a time, in completion order.
///
/// The first failed write (a full disk, an I/O error) is kept and every later frame refused, so
/// the recorder can stop with that error instead of writing on after a hole.
///
/// The schedule loop reads the counts and the failure through ``published`` without waiting: a
/// frame that is slow to encode holds up other writes, never the start of another scrape.
actor ArchiveSink {
  private let writer: ArchiveWriter
  private var status = RecordingStatus()
  private var health = TargetHealth()
  /// The counts after the latest write, whether a write failed, and the skips the loop counts.
  nonisolated let published = Mutex<(status: RecordingStatus, failed: Bool)>((RecordingStatus(), false))
  /// The first write that failed; nothing is written after it.
  private(set) var failure: ArchiveError?

  init(path: String, header: ArchiveHeader) throws(ArchiveError) {
    writer = try ArchiveWriter(path: path, header: header)
    var status = RecordingStatus()
    status.storedBytes = writer.bytesWritten
    self.status = status
    for target in header.targets { health.know(target) }
    published.withLock { $0.status = status }
  }

  func add(_ target: ArchiveTarget) {
    guard failure == nil else { return }
    do {
      try writer.addTarget(target)
    } catch {
      fail(error)
      return
    }
    health.know(target)
  }

  func append(_ frame: Frame) {
    guard failure == nil else { return }
    do {
      try writer.append(frame)
    } catch {
      fail(error)
      return
    }
    status.frames += 1
    if frame.outcome.isFailure { status.failedFrames += 1 }
    status.rawBytes += frame.body.count
    status.storedBytes = writer.bytesWritten
    health.note(frame)
    health.apply(to: &status)
    publish()
  }

  func forget(_ targetID: UInt32) {
    health.forget(targetID)
    health.apply(to: &status)
    publish()
  }

  /// A scrape skipped because the previous one of its target still runs; counted at once.
  nonisolated func noteSkipped() { published.withLock { $0.status.skipped += 1 } }

  /// The counts so far, without waiting for a write under way.
  nonisolated var latest: RecordingStatus { published.withLock { $0.status } }

  /// True once a write failed, without waiting for a write under way.
  nonisolated var hasFailed: Bool { published.withLock { $0.failed } }

  func close() throws(ArchiveError) -> RecordingStatus {
    try writer.close()
    status.storedBytes = writer.bytesWritten
    publish()
    return latest
  }

  private func fail(_ error: ArchiveError) {
    failure = error
    published.withLock { $0.failed = true }
  }

  /// Shares the counts; the skips are the loop's own, kept as it counted them.
  private func publish() {
    let status = status
    published.withLock {
      let skipped = $0.status.skipped
      $0.status = status
      $0.status.skipped = skipped
    }
  }
}
