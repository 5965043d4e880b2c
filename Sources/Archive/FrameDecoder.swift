/// Turns frame-record payloads back into frames, given the previous frame's chain state.
final class FrameDecoder {
  private let zstd: ZstdDecompressor

  init() throws(ArchiveError) { zstd = try ZstdDecompressor() }

  /// Decodes the frame record whose payload is `payload` (starting at archive offset `offset`).
  ///
  /// - Parameter previous: chain state after the frame this one is coded against: the previous
  ///   frame of the target for delta frames, the anchor for anchored keyframes, ignored for full
  ///   keyframes.
  func decode(
    payload: ArraySlice<UInt8>, offset: Int, previous: ChainState?
  ) throws(ArchiveError) -> (frame: Frame, record: FrameRecord, state: ChainState) {
    var reader = ByteReader(payload, base: offset, context: "frame")
    let record = try FrameRecord.decode(from: &reader)
    var reference: ChainState?
    if let base = record.baseSequence {
      guard let previous, previous.sequence == base else {
        throw .undecodable(
          offset: offset,
          what: "frame \(record.sequence) of target \(record.targetID) is coded against its frame \(base), "
            + "which is missing or damaged")
      }
      reference = previous
    }
    let partALength = try reader.count(limit: RecordLayout.maxBody + (1 << 20))
    let storedA = try reader.blob()
    let partA = try unpack(
      storedA, size: partALength, compressed: record.flags.contains(.partACompressed),
      prefix: reference?.prefixA, offset: offset, part: "part A")
    var skeleton: [UInt8]?
    if record.flags.contains(.transformed) {
      if record.flags.contains(.sameSkeleton) {
        guard let reference, reference.partBIsSkeleton else {
          throw .undecodable(offset: offset, what: "same-skeleton frame without a previous skeleton")
        }
        skeleton = reference.partB
      } else {
        let partBLength = try reader.count(limit: RecordLayout.maxBody + (1 << 20))
        let storedB = try reader.blob()
        if record.flags.contains(.skeletonEdit) {
          guard let reference else {
            throw .undecodable(offset: offset, what: "skeleton edit without a base frame")
          }
          skeleton = try applyEdit(
            storedB, plainLength: partBLength, compressed: record.flags.contains(.partBCompressed),
            previous: reference.partB, offset: offset)
        } else {
          skeleton = try unpack(
            storedB, size: partBLength, compressed: record.flags.contains(.partBCompressed),
            prefix: reference?.partB, offset: offset, part: "part B")
        }
      }
    }
    guard reader.isAtEnd else { throw reader.fail("\(reader.remaining) stray bytes after the parts") }

    var inner = ByteReader(partA[...], base: offset, context: "frame part A")
    let meta = try FrameMeta.decode(from: &inner, bodyLength: record.bodyLength, timeMs: record.timeMs)
    let metaLength = inner.position
    let values: ValueReference
    if let skeleton {
      let tagCount = try inner.count(limit: inner.remaining)
      let literalCount = try inner.count(limit: inner.remaining)
      let tags = try inner.take(tagCount)
      let literals = try inner.take(literalCount)
      do {
        values = try SeriesTransform.decode(
          skeleton: skeleton, tags: tags, literals: literals, deltas: inner.rest(),
          reference: reference?.values)
      } catch {
        throw .undecodable(offset: offset, what: "series transform: \(error.what)")
      }
    } else {
      let body = Array(inner.rest())
      values = ValueReference(body: body, slots: body.withUnsafeBufferPointer { SampleSlots.parse($0) })
    }
    guard values.body.count == record.bodyLength else {
      throw .undecodable(
        offset: offset, what: "body has \(values.body.count) bytes, record says \(record.bodyLength)")
    }
    let crc = CRC32.checksum(values.body, seed: CRC32.checksum(partA[0..<metaLength]))
    guard crc == record.contentCRC else {
      throw .checksumMismatch(offset: offset, what: "decoded content of frame \(record.sequence)")
    }
    let outcome: FrameOutcome =
      if let kind = FailureKind(rawValue: record.outcomeCode) {
        .failed(kind, message: meta.message)
      } else {
        .response(status: record.status)
      }
    let frame = Frame(
      targetID: record.targetID, timeMs: record.timeMs, durationMicros: record.durationMicros,
      outcome: outcome, contentType: meta.contentType, headers: meta.headers, body: values.body)
    let state = ChainState(
      sequence: record.sequence, partA: partA,
      prefixA: ChainState.prefixA(partA: partA, base: reference), partB: skeleton ?? values.body,
      partBIsSkeleton: skeleton != nil, values: values, keyTimeMs: 0, framesSinceKey: 0)
    return (frame, record, state)
  }

  /// Rebuilds a skeleton from a stored line edit of `previous` (see ``SkeletonDiff``).
  private func applyEdit(
    _ stored: ArraySlice<UInt8>, plainLength: Int, compressed: Bool, previous: [UInt8], offset: Int
  ) throws(ArchiveError) -> [UInt8] {
    var reader = ByteReader(stored, base: offset, context: "skeleton edit")
    let operationsLength = try reader.count(limit: plainLength)
    let operations = Array(try reader.take(operationsLength))
    guard let context = SkeletonDiff.context(previous: previous, plain: operations) else {
      throw .undecodable(offset: offset, what: "skeleton edit operations do not fit the base frame")
    }
    let inserted = try unpack(
      reader.rest(), size: plainLength - operationsLength, compressed: compressed, prefix: context,
      offset: offset, part: "skeleton edit")
    do {
      return try SkeletonDiff.apply(previous: previous, plain: operations + inserted)
    } catch {
      throw .undecodable(offset: offset, what: "skeleton edit: \(error.what)")
    }
  }

  private func unpack(
    _ stored: ArraySlice<UInt8>, size: Int, compressed: Bool, prefix: [UInt8]?, offset: Int, part: String
  ) throws(ArchiveError) -> [UInt8] {
    guard compressed else {
      guard stored.count == size else {
        throw .malformed(offset: offset, what: "\(part): stored \(stored.count) bytes, expected \(size)")
      }
      return Array(stored)
    }
    let result = stored.withUnsafeBytes { source in
      if let prefix {
        return prefix.withUnsafeBytes { zstd.decompress(source, size: size, prefix: $0) }
      }
      return zstd.decompress(source, size: size, prefix: nil)
    }
    switch result {
    case .success(let bytes): return bytes
    case .failure(let failure): throw .undecodable(offset: offset, what: "\(part): zstd: \(failure.text)")
    }
  }
}
