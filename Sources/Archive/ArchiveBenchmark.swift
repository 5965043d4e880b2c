/// Figures for `rayrec-bench archive`: density and speed of the format on a dump tree.
public enum ArchiveBenchmark {
  /// What one run measured.
  public struct Figures: Sendable {
    /// The import report (frames, samples, raw and stored bytes, import time).
    public var report: ArchiveImporter.Report
    /// Sequential decoding speed over the whole archive, MB (10^6 bytes) of bodies per second.
    public var decodeMegabytesPerSecond: Double
    /// Mean time of one random `frame(target:at:)` lookup (cold cache per target), milliseconds.
    public var seekMilliseconds: Double

    /// Archive bytes per sample line.
    public var bytesPerSample: Double { report.bytesPerSample }
    /// Import speed, MB of exposition text per second.
    public var importMegabytesPerSecond: Double { report.megabytesPerSecond }
  }

  /// Imports `dump` into `archivePath` with `options`, then decodes everything and times
  /// `seeks` random lookups. Build with `-c release` before trusting the speeds.
  public static func run(
    dump: String, archivePath: String, options: ArchiveWriterOptions = ArchiveWriterOptions(),
    seeks: Int = 200
  ) throws(ArchiveError) -> Figures {
    let report = try ArchiveImporter(options: options).importDump(from: dump, to: archivePath)
    let clock = ContinuousClock()
    let reader = try ArchiveReader(path: archivePath)
    var cursor = reader.makeCursor()
    var bytes = 0
    let decodeStart = clock.now
    while let frame = try cursor.next() { bytes += frame.body.count }
    let decodeSeconds = seconds(clock.now - decodeStart)
    var generator = SystemRandomNumberGenerator()
    let first = reader.stats.firstTimeMs ?? 0
    let last = reader.stats.lastTimeMs ?? 0
    let seekStart = clock.now
    for _ in 0..<max(seeks, 1) {
      guard let target = reader.targets.randomElement(using: &generator) else { break }
      // A fresh reader per lookup would measure file reading; a new random time mostly misses
      // the cache, which is what replay sees when it jumps.
      _ = try reader.frame(
        target: target.id, at: Int64.random(in: first...max(first, last), using: &generator))
    }
    let seekSeconds = seconds(clock.now - seekStart)
    return Figures(
      report: report, decodeMegabytesPerSecond: decodeSeconds > 0 ? Double(bytes) / decodeSeconds / 1e6 : 0,
      seekMilliseconds: seekSeconds * 1000 / Double(max(seeks, 1)))
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
