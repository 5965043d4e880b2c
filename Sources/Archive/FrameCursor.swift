/// Decodes an archive's frames one after another in file order, keeping one chain state per
/// target, so each frame costs one decode.
///
/// A damaged frame makes ``next()`` throw for that frame; the following call continues with the
/// next frame (frames of the same target fail too until its next keyframe).
public struct FrameCursor {
  /// The archive being read.
  public let reader: ArchiveReader
  /// Position in ``ArchiveReader/frames`` of the frame the next call decodes.
  public private(set) var position = 0
  private var chains: [UInt32: ChainState] = [:]
  private var anchors: [UInt32: ChainState] = [:]
  private var decoder: FrameDecoder?

  init(reader: ArchiveReader) { self.reader = reader }

  /// Moves past the next frame without decoding it. Only for a target none of whose frames are
  /// decoded: the next frame of that target would miss its chain.
  public mutating func skip() {
    if position < reader.frames.count { position += 1 }
  }

  /// The next frame, nil at the end.
  public mutating func next() throws(ArchiveError) -> Frame? {
    try nextWithLayout()?.frame
  }

  /// The next frame with the layout of its body (skeleton and value tokens), nil at the end.
  public mutating func nextWithLayout() throws(ArchiveError) -> (frame: Frame, layout: FrameLayout)? {
    guard position < reader.frames.count else { return nil }
    let current = position
    position += 1
    if decoder == nil { decoder = try FrameDecoder() }
    guard let decoder else { return nil }
    let summary = reader.frames[current]
    let target = summary.targetID
    let base = summary.isKeyframe ? (summary.anchorSequence == nil ? nil : anchors[target]) : chains[target]
    do {
      let (frame, state) = try reader.decodeRecord(at: current, previous: base, decoder: decoder)
      chains[target] = state
      if summary.isKeyframe && summary.anchorSequence == nil { anchors[target] = state }
      let layout = FrameLayout(
        skeleton: state.partBIsSkeleton ? state.partB : nil, slots: state.values.slots)
      return (frame, layout)
    } catch {
      chains[target] = nil
      if summary.isKeyframe && summary.anchorSequence == nil { anchors[target] = nil }
      throw error
    }
  }
}
