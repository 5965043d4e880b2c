/// What the index knows about one frame, without decoding its body.
public struct FrameSummary: Sendable, Hashable {
  /// The frame's target.
  public var targetID: UInt32
  /// Per-target frame number (0-based, in write order).
  public var sequence: UInt64
  /// Scrape start, unix milliseconds.
  public var timeMs: Int64
  /// Scrape duration, microseconds.
  public var durationMicros: Int64
  /// HTTP status, or 0 for a failed scrape.
  public var status: Int
  /// The failure kind, for failed scrapes.
  public var failure: FailureKind?
  /// A seek point: decodable without the frames before it (except its anchor, if any).
  public var isKeyframe: Bool
  /// For anchored keyframes: the sequence of the full keyframe they are coded against (decoding
  /// them needs that frame too). Nil for full keyframes and for delta frames.
  public var anchorSequence: UInt64?
  /// Body length in bytes.
  public var bodyBytes: Int
  /// Byte offset of the frame record in the archive.
  public var offset: Int
  /// Size of the frame record in the archive (header included).
  public var storedBytes: Int

  /// True for failures and for responses outside 200..<300.
  public var isFailure: Bool { failure != nil || !(200..<300).contains(status) }
}

extension FrameSummary {
  init(record: FrameRecord, offset: Int, storedBytes: Int) {
    self.init(
      targetID: record.targetID, sequence: record.sequence, timeMs: record.timeMs,
      durationMicros: record.durationMicros, status: record.status,
      failure: FailureKind(rawValue: record.outcomeCode), isKeyframe: record.isKeyframe,
      anchorSequence: record.anchorSequence, bodyBytes: record.bodyLength, offset: offset,
      storedBytes: storedBytes)
  }
}
