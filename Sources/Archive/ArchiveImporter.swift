import Glibc

/// Builds an archive from a dump tree: `DIR/<host>:<port>/<unix_ms>.prom`, with optional
/// `<unix_ms>.headers` (an HTTP status line, then `Name: value` lines, as received) and
/// `<unix_ms>.error` (a failed scrape; its text says what failed).
///
/// Each `<host>:<port>` directory becomes a target with URL `http://<host>:<port>/metrics`;
/// frames are written in time order across targets.
public struct ArchiveImporter: Sendable {
  /// `job` of every imported target.
  public var job: String
  /// Extra labels of every imported target.
  public var labels: [ArchiveTarget.Label]
  /// Scrape interval to record; nil infers it from the median gap between a target's frames.
  public var intervalMs: Int64?
  /// Scrape timeout to record (0 = unknown).
  public var timeoutMs: Int64
  /// Recorder version written into the header.
  public var recorderVersion: String
  /// Writer options.
  public var options: ArchiveWriterOptions

  /// Makes an importer.
  public init(
    job: String = "import", labels: [ArchiveTarget.Label] = [], intervalMs: Int64? = nil,
    timeoutMs: Int64 = 0, recorderVersion: String = "rayrec import",
    options: ArchiveWriterOptions = ArchiveWriterOptions()
  ) {
    self.job = job
    self.labels = labels
    self.intervalMs = intervalMs
    self.timeoutMs = timeoutMs
    self.recorderVersion = recorderVersion
    self.options = options
  }

  /// What an import did.
  public struct Report: Sendable {
    /// The targets written.
    public var targets: [ArchiveTarget]
    /// Frames written.
    public var frames = 0
    /// Failed frames (`.error` files and non-2xx statuses).
    public var failedFrames = 0
    /// Sum of body sizes.
    public var rawBytes = 0
    /// Sample lines (non-comment, non-blank) across all bodies.
    public var samples = 0
    /// Size of the archive written.
    public var storedBytes = 0
    /// Wall time spent (reading, encoding, writing).
    public var elapsed: Duration = .zero

    /// Archive bytes per sample line.
    public var bytesPerSample: Double { samples == 0 ? 0 : Double(storedBytes) / Double(samples) }
    /// Exposition bytes imported per second, in MB (10^6 bytes).
    public var megabytesPerSecond: Double {
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      return seconds > 0 ? Double(rawBytes) / seconds / 1e6 : 0
    }
  }

  /// Imports the dump tree at `directory` into a new archive at `archivePath`.
  ///
  /// - Parameter createdMs: creation time for the header (default: the first frame's time).
  /// - Throws: ``ArchiveError/io(path:operation:errno:message:)`` for unreadable files,
  ///   ``ArchiveError/invalidArgument(_:)`` when the tree has no target directories.
  @discardableResult
  public func importDump(
    from directory: String, to archivePath: String, createdMs: Int64? = nil
  ) throws(ArchiveError) -> Report {
    let clock = ContinuousClock()
    let start = clock.now
    let dump = try DumpTree.scan(directory)
    guard !dump.targets.isEmpty else {
      throw .invalidArgument("\(directory): no <host>:<port> directories with scrapes")
    }
    var targets: [ArchiveTarget] = []
    for (id, entry) in dump.targets.enumerated() {
      targets.append(
        ArchiveTarget(
          id: UInt32(id), url: "http://\(entry.address)/metrics", job: job, labels: labels,
          intervalMs: intervalMs ?? entry.medianGapMs, timeoutMs: timeoutMs))
    }
    let header = ArchiveHeader(
      createdMs: createdMs ?? dump.scrapes.first?.timeMs ?? 0, recorderVersion: recorderVersion,
      targets: targets)
    let writer = try ArchiveWriter(path: archivePath, header: header, options: options)
    var report = Report(targets: targets)
    for scrape in dump.scrapes {
      let frame = try scrape.load(directory: directory, address: dump.targets[scrape.target].address)
      try writer.append(frame)
      report.frames += 1
      if frame.outcome.isFailure { report.failedFrames += 1 }
      report.rawBytes += frame.body.count
      report.samples += Self.countSamples(frame.body)
    }
    try writer.close()
    report.storedBytes = writer.bytesWritten
    report.elapsed = clock.now - start
    return report
  }

  /// Lines that are neither blank nor comments: the samples of an exposition body.
  public static func countSamples(_ body: [UInt8]) -> Int {
    body.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return 0 }
      var count = 0
      var index = 0
      while index < bytes.count {
        if base[index] != 0x0A && base[index] != UInt8(ascii: "#") { count += 1 }
        guard let newline = memchr(base + index, 0x0A, bytes.count - index) else { break }
        index = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
      }
      return count
    }
  }
}
