/// Turns frames into frame-record payloads, keeping each target's chain state.
final class FrameEncoder {
  let options: ArchiveWriterOptions
  private let small: ZstdCompressor
  private let bulk: ZstdCompressor
  private var chains: [UInt32: ChainState] = [:]
  private var sequences: [UInt32: UInt64] = [:]

  init(options: ArchiveWriterOptions) throws(ArchiveError) {
    self.options = options
    small = try ZstdCompressor(level: options.compressionLevel)
    bulk = try ZstdCompressor(level: options.bulkCompressionLevel)
  }

  func encode(_ frame: Frame) throws(ArchiveError) -> (payload: [UInt8], record: FrameRecord) {
    guard frame.body.count < RecordLayout.maxPayload / 2 else {
      throw .invalidArgument("body of \(frame.body.count) bytes is too large for one frame")
    }
    let previous = chains[frame.targetID]
    let sequence = sequences[frame.targetID].map { $0 &+ 1 } ?? 0
    sequences[frame.targetID] = sequence
    var keyframe = true
    if let previous, previous.sequence &+ 1 == sequence {
      let interval = max(options.keyframeInterval, 1)
      let aged =
        options.keyframeMaxAgeMs > 0 && frame.timeMs &- previous.keyTimeMs >= options.keyframeMaxAgeMs
      keyframe = previous.framesSinceKey + 1 >= interval || aged
    }
    let reference = keyframe ? nil : previous

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
    FrameMeta(contentType: frame.contentType, message: message, headers: frame.headers).encode(into: &meta)
    let contentCRC = CRC32.checksum(frame.body, seed: CRC32.checksum(meta.bytes))

    let slots = frame.body.withUnsafeBufferPointer { SampleSlots.parse($0) }
    var flags: FrameRecord.Flags = keyframe ? [.keyframe] : []
    var partA = meta
    var skeleton: [UInt8]?
    var values = ValueReference(body: frame.body, slots: slots)
    if options.seriesTransform && !slots.isEmpty {
      let transformed = SeriesTransform.encode(body: frame.body, slots: slots, reference: reference?.values)
      // Trust nothing: the transform is used only when it gives the body back exactly.
      let roundTrip = try? SeriesTransform.decode(
        skeleton: transformed.skeleton, tags: transformed.tags[...], literals: transformed.literals[...],
        deltas: transformed.deltas.bytes[...], reference: reference?.values)
      if let roundTrip, roundTrip.body == frame.body {
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

    var payload = ByteWriter(capacity: 64 + frame.body.count / 8)
    let (storedA, compressedA) = try pack(partA.bytes, prefix: reference?.partA, with: small)
    if compressedA { flags.insert(.partACompressed) }
    var storedB: [UInt8]?
    if let skeleton {
      if let reference, reference.partBIsSkeleton, reference.partB == skeleton {
        flags.insert(.sameSkeleton)
      } else {
        let (stored, compressed) = try pack(skeleton, prefix: reference?.partB, with: bulk)
        if compressed { flags.insert(.partBCompressed) }
        storedB = stored
      }
    }
    let record = FrameRecord(
      targetID: frame.targetID, sequence: sequence, timeMs: frame.timeMs,
      durationMicros: frame.durationMicros, flags: flags, outcomeCode: outcomeCode, status: status,
      bodyLength: frame.body.count, contentCRC: contentCRC)
    record.encode(into: &payload)
    payload.varint(partA.bytes.count)
    payload.blob(storedA)
    if let storedB, let skeleton {
      payload.varint(skeleton.count)
      payload.blob(storedB)
    }

    chains[frame.targetID] = ChainState(
      sequence: sequence, partA: partA.bytes, partB: skeleton ?? frame.body,
      partBIsSkeleton: skeleton != nil, values: values,
      keyTimeMs: keyframe ? frame.timeMs : previous?.keyTimeMs ?? frame.timeMs,
      framesSinceKey: keyframe ? 0 : (previous?.framesSinceKey ?? 0) + 1)
    return (payload.bytes, record)
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
