/// The fixed, uncompressed part of a frame record: everything needed to index, list and count
/// frames without decoding a body.
struct FrameRecord: Equatable {
  /// Flag bits of the frame record (see docs/archive-format.md).
  struct Flags: OptionSet, Equatable {
    let rawValue: UInt8
    /// A seek point: no reference to the previous frame of the target (with `.anchored`, a
    /// reference to the target's last full keyframe instead).
    static let keyframe = Flags(rawValue: 1 << 0)
    /// Part A is zstd-compressed (else stored).
    static let partACompressed = Flags(rawValue: 1 << 1)
    /// The body is carried by the series transform (part A values, part B skeleton).
    static let transformed = Flags(rawValue: 1 << 2)
    /// The skeleton equals the previous frame's; part B is absent.
    static let sameSkeleton = Flags(rawValue: 1 << 3)
    /// Part B is zstd-compressed (else stored).
    static let partBCompressed = Flags(rawValue: 1 << 4)
    /// A keyframe coded against the anchor (the target's last full keyframe), named by
    /// `anchorSequence`.
    static let anchored = Flags(rawValue: 1 << 5)
    /// Part B is a line edit of the base frame's skeleton (``SkeletonDiff``).
    static let skeletonEdit = Flags(rawValue: 1 << 6)
    static let known: Flags = [
      .keyframe, .partACompressed, .transformed, .sameSkeleton, .partBCompressed, .anchored,
      .skeletonEdit,
    ]
  }

  var targetID: UInt32
  /// Per-target frame number, 0-based; a non-keyframe needs frame `sequence - 1` of its target.
  var sequence: UInt64
  /// For anchored keyframes: the sequence of the full keyframe they are coded against.
  var anchorSequence: UInt64?
  var timeMs: Int64
  var durationMicros: Int64
  var flags: Flags
  /// 0 for a response, else a ``FailureKind`` raw value.
  var outcomeCode: UInt8
  /// HTTP status (0 for failures).
  var status: Int
  var bodyLength: Int
  /// CRC32 of the plain content: meta then body.
  var contentCRC: UInt32

  var isKeyframe: Bool { flags.contains(.keyframe) }

  /// The frame of the same target this one is coded against, if any.
  var baseSequence: UInt64? {
    if !flags.contains(.keyframe) { return sequence &- 1 }
    return anchorSequence
  }
  var isFailure: Bool { outcomeCode != 0 || !(200..<300).contains(status) }

  func encode(into writer: inout ByteWriter) {
    var flags = flags
    if anchorSequence != nil { flags.insert(.anchored) }
    writer.u8(flags.rawValue)
    writer.varint(UInt64(targetID))
    writer.varint(sequence)
    if let anchorSequence { writer.varint(anchorSequence) }
    writer.zigzag(timeMs)
    writer.zigzag(durationMicros)
    writer.u8(outcomeCode)
    if outcomeCode == 0 { writer.varint(status) }
    writer.varint(bodyLength)
    writer.u32(contentCRC)
  }

  static func decode(from reader: inout ByteReader) throws(ArchiveError) -> FrameRecord {
    let flags = Flags(rawValue: try reader.u8())
    guard Flags.known.isSuperset(of: flags) else { throw reader.fail("unknown flags \(flags.rawValue)") }
    let target = try reader.varint()
    guard target <= UInt64(UInt32.max) else { throw reader.fail("target id \(target) too large") }
    let sequence = try reader.varint()
    var anchor: UInt64?
    if flags.contains(.anchored) {
      guard flags.contains(.keyframe) else { throw reader.fail("anchored frame that is not a keyframe") }
      let value = try reader.varint()
      guard value < sequence else { throw reader.fail("anchor \(value) not before frame \(sequence)") }
      anchor = value
    }
    let time = try reader.zigzag()
    let duration = try reader.zigzag()
    let outcome = try reader.u8()
    guard outcome == 0 || FailureKind(rawValue: outcome) != nil else {
      throw reader.fail("unknown outcome code \(outcome)")
    }
    let status = outcome == 0 ? try reader.count(limit: 999) : 0
    let bodyLength = try reader.count(limit: RecordLayout.maxBody)
    let crc = try reader.u32()
    return FrameRecord(
      targetID: UInt32(target), sequence: sequence, anchorSequence: anchor, timeMs: time,
      durationMicros: duration, flags: flags, outcomeCode: outcome, status: status,
      bodyLength: bodyLength, contentCRC: crc)
  }
}
