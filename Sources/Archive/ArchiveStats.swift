/// Counts and sizes of an archive, from its index.
public struct ArchiveStats: Sendable, Hashable {
  /// Number of frames.
  public var frames = 0
  /// Frames whose scrape failed or answered outside 200..<300.
  public var failedFrames = 0
  /// Frames decodable on their own.
  public var keyframes = 0
  /// Number of targets.
  public var targets = 0
  /// Sum of the body sizes.
  public var rawBytes = 0
  /// Size of the archive file.
  public var storedBytes = 0
  /// Earliest frame time, unix ms.
  public var firstTimeMs: Int64?
  /// Latest frame time, unix ms.
  public var lastTimeMs: Int64?

  /// Makes empty stats.
  public init() {}

  /// Raw bytes per stored byte.
  public var compressionRatio: Double {
    storedBytes == 0 ? 0 : Double(rawBytes) / Double(storedBytes)
  }
}
