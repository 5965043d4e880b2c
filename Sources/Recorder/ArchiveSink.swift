import Archive
import Dispatch
import Synchronization

/// The one owner of the archive writer during a recording: scrapes finish concurrently and hand
/// their frames here, where they are written one at a time, in completion order.
///
/// The first failed write (a full disk, an I/O error) is kept and every later frame refused, so
/// the recorder can stop with that error instead of writing on after a hole.
///
/// Encoding and writing run on a serial queue of their own, off the cooperative pool that runs
/// the schedule loop and the scrapes (two threads on a two-core machine): a frame slow to encode
/// takes a thread of its own, never one the schedule needs. The loop reads the counts and the
/// failure through ``published`` without waiting.
final class ArchiveSink: @unchecked Sendable {  // every `var` is touched only on `queue`
  private let queue = DispatchQueue(label: "rayrec.archive-sink")
  private let writer: ArchiveWriter
  private var status = RecordingStatus()
  private var health = TargetHealth()
  /// The first write that failed; nothing is written after it.
  private var failure: ArchiveError?
  /// The counts after the latest write, whether a write failed, and the skips the loop counts.
  private let published = Mutex<(status: RecordingStatus, failed: Bool)>((RecordingStatus(), false))

  init(path: String, header: ArchiveHeader) throws(ArchiveError) {
    writer = try ArchiveWriter(path: path, header: header)
    status.storedBytes = writer.bytesWritten
    for target in header.targets { health.know(target) }
    publish()
  }

  func add(_ target: ArchiveTarget) async { await onQueue { self.addNow(target) } }

  func append(_ frame: Frame) async { await onQueue { self.appendNow(frame) } }

  func forget(_ targetID: UInt32) async { await onQueue { self.forgetNow(targetID) } }

  /// A scrape skipped because the previous one of its target still runs; counted at once.
  func noteSkipped() { published.withLock { $0.status.skipped += 1 } }

  /// The counts so far, without waiting for a write under way.
  var latest: RecordingStatus { published.withLock { $0.status } }

  /// True once a write failed, without waiting for a write under way.
  var hasFailed: Bool { published.withLock { $0.failed } }

  /// The first failed write, once the writes before this call are done.
  func firstFailure() async -> ArchiveError? { await onQueue { self.failure } }

  func close() async throws(ArchiveError) -> RecordingStatus {
    try await onQueue { self.closeNow() }.get()
  }

  // The work itself, on `queue` only.

  private func addNow(_ target: ArchiveTarget) {
    guard failure == nil else { return }
    do {
      try writer.addTarget(target)
    } catch {
      fail(error)
      return
    }
    health.know(target)
  }

  private func appendNow(_ frame: Frame) {
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

  private func forgetNow(_ targetID: UInt32) {
    health.forget(targetID)
    health.apply(to: &status)
    publish()
  }

  private func closeNow() -> Result<RecordingStatus, ArchiveError> {
    do {
      try writer.close()
    } catch {
      return .failure(error)
    }
    status.storedBytes = writer.bytesWritten
    publish()
    return .success(latest)
  }

  /// Runs `work` on the queue, after every write queued before it.
  private func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: work()) }
    }
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
