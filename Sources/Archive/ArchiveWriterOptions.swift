/// Tuning knobs of ``ArchiveWriter``; the defaults suit Prometheus scrapes.
public struct ArchiveWriterOptions: Sendable, Hashable {
  /// A target's frame is a keyframe (decodable alone) at least every this many frames of it.
  public var keyframeInterval: Int
  /// ... and at least every this many milliseconds of recorded time (0 = no time limit).
  public var keyframeMaxAgeMs: Int64
  /// Every this many keyframes of a target, one is a full keyframe (the anchor); the others are
  /// coded against the anchor, which makes them several times smaller. 1 = every keyframe full.
  public var anchorInterval: Int
  /// zstd level for part A (meta data and the value streams, small): high levels are cheap here.
  public var compressionLevel: Int32
  /// zstd level for part B (full keyframe skeletons, skeleton line edits when the series set
  /// changed) and for large bodies that are not transformed: the bulk of the CPU time.
  public var bulkCompressionLevel: Int32
  /// Split exposition bodies into skeleton and values (byte-exact; off = plain zstd delta).
  public var seriesTransform: Bool
  /// `fsync(2)` after every frame (durable against power loss, not only process death; slower).
  public var syncEveryFrame: Bool

  /// Makes options; every parameter has the recommended default.
  public init(
    keyframeInterval: Int = 32, keyframeMaxAgeMs: Int64 = 300_000, anchorInterval: Int = 8,
    compressionLevel: Int32 = 19,
    bulkCompressionLevel: Int32 = 9, seriesTransform: Bool = true, syncEveryFrame: Bool = false
  ) {
    self.keyframeInterval = keyframeInterval
    self.keyframeMaxAgeMs = keyframeMaxAgeMs
    self.anchorInterval = anchorInterval
    self.compressionLevel = compressionLevel
    self.bulkCompressionLevel = bulkCompressionLevel
    self.seriesTransform = seriesTransform
    self.syncEveryFrame = syncEveryFrame
  }
}
