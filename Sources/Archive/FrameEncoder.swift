/// Turns frames into frame-record payloads, keeping each target's chain state.
final class FrameEncoder {
  let options: ArchiveWriterOptions
  private let small: ZstdCompressor
  private let bulk: ZstdCompressor
  private var chains: [UInt32: ChainState] = [:]
  /// Per target: the last full keyframe's state and how many keyframes followed it.
  private var anchors: [UInt32: (state: ChainState, keyframesSince: Int)] = [:]
  private var sequences: [UInt32: UInt64] = [:]

  init(options: ArchiveWriterOptions) throws(ArchiveError) {
    self.options = options
    small = try ZstdCompressor(level: options.compressionLevel)
    bulk = try ZstdCompressor(level: options.bulkCompressionLevel)
  }

  func encode(_ frame: Frame) throws(ArchiveError) -> (payload: [UInt8], record: FrameRecord) {
    guard frame.body.count <= RecordLayout.maxBody else {
      throw .invalidArgument("body of \(frame.body.count) bytes is too large for one frame")
    }
    let previous = chains[frame.targetID]
    // Assigned for good only once the frame is encoded: a rejected frame leaves no gap.
    let sequence = sequences[frame.targetID].map { $0 &+ 1 } ?? 0
    var keyframe = true
    if let previous, previous.sequence &+ 1 == sequence {
      let interval = max(options.keyframeInterval, 1)
      let aged =
        options.keyframeMaxAgeMs > 0 && frame.timeMs &- previous.keyTimeMs >= options.keyframeMaxAgeMs
      keyframe = previous.framesSinceKey + 1 >= interval || aged
    }
    var reference = keyframe ? nil : previous
    var anchorSequence: UInt64?
    if keyframe, let anchor = anchors[frame.targetID],
      anchor.keyframesSince + 1 < max(options.anchorInterval, 1)
    {
      reference = anchor.state
      anchorSequence = anchor.state.sequence
    }

    var meta = ByteWriter(capacity: 256)
    let message: String
    let outcomeCode: UInt8
    let status: Int
    switch frame.outcome {
    case .response(let code):
      guard (0...999).contains(code) else { throw .invalidArgument("HTTP status \(code) out of range") }
      (message, outcomeCode, status) = ("", 0, code)
    case .failed(let kind, let text):
      (message, outcomeCode, status) = (text, kind.rawValue, 0)
    }
    FrameMeta(contentType: frame.contentType, message: message, headers: frame.headers)
      .encode(into: &meta, bodyLength: frame.body.count, timeMs: frame.timeMs)
    let contentCRC = CRC32.checksum(frame.body, seed: CRC32.checksum(meta.bytes))

    let slots = frame.body.withUnsafeBufferPointer { SampleSlots.parse($0) }
    var flags: FrameRecord.Flags = keyframe ? [.keyframe] : []
    var partA = meta
    var skeleton: [UInt8]?
    var values = ValueReference(body: frame.body, slots: slots)
    if options.seriesTransform && !slots.isEmpty {
      let transformed = SeriesTransform.encode(body: frame.body, slots: slots, reference: reference?.values)
      // Trust nothing: the transform is used only when its skeleton parses back to the same
      // keys (every value was checked to re-render exactly while encoding), which is exactly
      // what the decoder needs to rebuild the body byte for byte.
      if SeriesTransform.skeletonMatches(transformed.skeleton, body: slots) {
        flags.insert(.transformed)
        partA.varint(transformed.tags.count)
        partA.varint(transformed.literals.count)
        partA.append(transformed.tags)
        partA.append(transformed.literals)
        partA.append(transformed.deltas.bytes)
        skeleton = transformed.skeleton
        values.lastDeltas = transformed.lastDeltas
      }
    }
    if skeleton == nil { partA.append(frame.body) }
    guard partA.bytes.count <= RecordLayout.maxBody + (1 << 20) else {
      throw .invalidArgument("frame meta data and body exceed \(RecordLayout.maxBody + (1 << 20)) bytes")
    }

    var payload = ByteWriter(capacity: 64 + frame.body.count / 8)
    let (storedA, compressedA) = try pack(
      partA.bytes, prefix: reference?.prefixA,
      with: skeleton == nil && partA.bytes.count > ChainState.olderPartALimit ? bulk : small)
    if compressedA { flags.insert(.partACompressed) }
    var storedB: [UInt8]?
    var plainLengthB = 0
    if let skeleton {
      if let reference, reference.partBIsSkeleton, equalBytes(reference.partB, skeleton) {
        flags.insert(.sameSkeleton)
      } else if let reference, let edit = try editScript(from: reference.partB, to: skeleton) {
        flags.insert(.skeletonEdit)
        if edit.compressed { flags.insert(.partBCompressed) }
        storedB = edit.stored
        plainLengthB = edit.plainLength
      } else {
        let (stored, compressed) = try pack(skeleton, prefix: reference?.partB, with: bulk)
        if compressed { flags.insert(.partBCompressed) }
        storedB = stored
        plainLengthB = skeleton.count
      }
    }
    let record = FrameRecord(
      targetID: frame.targetID, sequence: sequence, anchorSequence: anchorSequence, timeMs: frame.timeMs,
      durationMicros: frame.durationMicros, flags: flags, outcomeCode: outcomeCode, status: status,
      bodyLength: frame.body.count, contentCRC: contentCRC)
    record.encode(into: &payload)
    payload.varint(partA.bytes.count)
    payload.blob(storedA)
    if let storedB {
      payload.varint(plainLengthB)
      payload.blob(storedB)
    }

    let state = ChainState(
      sequence: sequence, partA: partA.bytes,
      prefixA: ChainState.prefixA(partA: partA.bytes, base: reference), partB: skeleton ?? frame.body,
      partBIsSkeleton: skeleton != nil, values: values,
      keyTimeMs: keyframe ? frame.timeMs : previous?.keyTimeMs ?? frame.timeMs,
      framesSinceKey: keyframe ? 0 : (previous?.framesSinceKey ?? 0) + 1)
    chains[frame.targetID] = state
    sequences[frame.targetID] = sequence
    if keyframe {
      if anchorSequence == nil {
        anchors[frame.targetID] = (state, 0)
      } else {
        anchors[frame.targetID]?.keyframesSince += 1
      }
    }
    return (payload.bytes, record)
  }

  /// Part B as a line edit of `previous`: varint operations length, the operations, then the
  /// inserted lines (zstd against the previous lines around the insertions when that is
  /// smaller). Nil when the edit does not reproduce `next` exactly.
  private func editScript(
    from previous: [UInt8], to next: [UInt8]
  ) throws(ArchiveError) -> (stored: [UInt8], compressed: Bool, plainLength: Int)? {
    let plain = SkeletonDiff.encode(previous: previous, next: next)
    guard let operations = SkeletonDiff.operationsLength(plain),
      let context = SkeletonDiff.context(previous: previous, plain: plain),
      let rebuilt = try? SkeletonDiff.apply(previous: previous, plain: plain), equalBytes(rebuilt, next)
    else { return nil }
    let inserted = Array(plain[operations...])
    var stored = ByteWriter(capacity: plain.count)
    stored.varint(operations)
    stored.append(plain[..<operations])
    var compressed = false
    if !inserted.isEmpty {
      let packed = try bulk.compress(inserted, prefix: context)
      compressed = packed.count < inserted.count
      stored.append(compressed ? packed : inserted)
    }
    return (stored.bytes, compressed, plain.count)
  }

  /// Compressed bytes when that is smaller, else the bytes themselves.
  private func pack(
    _ bytes: [UInt8], prefix: [UInt8]?, with compressor: ZstdCompressor
  ) throws(ArchiveError) -> ([UInt8], Bool) {
    if bytes.isEmpty { return (bytes, false) }
    let compressed = try compressor.compress(bytes, prefix: prefix)
    return compressed.count < bytes.count ? (compressed, true) : (bytes, false)
  }
}
