import Archive

/// The one owner of the archive writer during a recording: scrapes finish concurrently and hand
/// their frames here, where they are written one at a time, in completion order.
actor ArchiveSink {
  private let writer: ArchiveWriter
  private(set) var status = RecordingStatus()
  private var health: [UInt32: Bool] = [:]

  init(path: String, header: ArchiveHeader) throws(ArchiveError) {
    writer = try ArchiveWriter(path: path, header: header)
    status.storedBytes = writer.bytesWritten
  }

  func add(_ target: ArchiveTarget) throws(ArchiveError) {
    try writer.addTarget(target)
  }

  func append(_ frame: Frame) throws(ArchiveError) {
    try writer.append(frame)
    status.frames += 1
    if frame.outcome.isFailure { status.failedFrames += 1 }
    status.rawBytes += frame.body.count
    status.storedBytes = writer.bytesWritten
    health[frame.targetID] = !frame.outcome.isFailure
    status.targetsUp = health.values.filter { $0 }.count
    status.targetsDown = health.count - status.targetsUp
  }

  func forget(_ targetID: UInt32) {
    health[targetID] = nil
    status.targetsUp = health.values.filter { $0 }.count
    status.targetsDown = health.count - status.targetsUp
  }

  func noteSkipped() { status.skipped += 1 }

  func close() throws(ArchiveError) -> RecordingStatus {
    try writer.close()
    status.storedBytes = writer.bytesWritten
    return status
  }
}
