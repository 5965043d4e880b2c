/// The index record: one entry per frame, in file order, zstd-compressed.
///
/// Payload: varint count of targets added after the header, those targets (as in the header),
/// varint entry count, varint plain length, zstd frame (or the plain bytes when that
/// is not smaller, flagged by plain length == stored length). Each plain entry: varint offset
/// delta from the previous entry's offset, varint stored size, varint target id, varint
/// sequence, zigzag time delta from the previous entry, zigzag duration, flags byte (bit 0
/// keyframe, bit 1 anchored), varint anchor sequence (anchored only), outcome byte, varint
/// status, varint body length. See docs/archive-format.md, section 6.
enum ArchiveIndex {
  static func encode(
    _ entries: [FrameSummary], addedTargets: [ArchiveTarget]
  ) throws(ArchiveError) -> [UInt8] {
    var plain = ByteWriter(capacity: entries.count * 16)
    var lastOffset = 0
    var lastTime: Int64 = 0
    for entry in entries {
      plain.varint(entry.offset - lastOffset)
      plain.varint(entry.storedBytes)
      plain.varint(UInt64(entry.targetID))
      plain.varint(entry.sequence)
      plain.zigzag(entry.timeMs &- lastTime)
      plain.zigzag(entry.durationMicros)
      plain.u8((entry.isKeyframe ? 1 : 0) | (entry.anchorSequence != nil ? 2 : 0))
      if let anchor = entry.anchorSequence { plain.varint(anchor) }
      plain.u8(entry.failure?.rawValue ?? 0)
      plain.varint(entry.status)
      plain.varint(entry.bodyBytes)
      lastOffset = entry.offset
      lastTime = entry.timeMs
    }
    let compressor = try ZstdCompressor(level: 19)
    let packed = try compressor.compress(plain.bytes, prefix: nil)
    var payload = ByteWriter(capacity: packed.count + 16)
    payload.varint(addedTargets.count)
    for target in addedTargets { target.encode(into: &payload) }
    payload.varint(entries.count)
    payload.varint(plain.bytes.count)
    payload.append(packed.count < plain.bytes.count ? packed : plain.bytes)
    return payload.bytes
  }

  static func decode(
    _ payload: ArraySlice<UInt8>, base: Int, fileSize: Int
  ) throws(ArchiveError) -> (entries: [FrameSummary], addedTargets: [ArchiveTarget]) {
    var outer = ByteReader(payload, base: base, context: "index")
    let targetCount = try outer.count(limit: outer.remaining)
    var added: [ArchiveTarget] = []
    for _ in 0..<targetCount { added.append(try ArchiveTarget.decode(from: &outer)) }
    let count = try outer.count()
    let plainLength = try outer.count()
    let stored = outer.rest()
    let plain: [UInt8]
    if stored.count == plainLength {
      plain = Array(stored)
    } else {
      let zstd = try ZstdDecompressor()
      switch stored.withUnsafeBytes({ zstd.decompress($0, size: plainLength, prefix: nil) }) {
      case .success(let bytes): plain = bytes
      case .failure(let failure): throw .undecodable(offset: base, what: "index: \(failure.text)")
      }
    }
    var reader = ByteReader(plain[...], base: base, context: "index entry")
    var entries: [FrameSummary] = []
    entries.reserveCapacity(min(count, plain.count / 8))
    var offset = 0
    var time: Int64 = 0
    for _ in 0..<count {
      offset += try reader.count(limit: fileSize)
      let size = try reader.count(limit: fileSize)
      guard offset <= fileSize - size else { throw reader.fail("entry points past the end of the file") }
      let target = try reader.varint()
      guard target <= UInt64(UInt32.max) else { throw reader.fail("target id too large") }
      let sequence = try reader.varint()
      time = time &+ (try reader.zigzag())
      let duration = try reader.zigzag()
      let flags = try reader.u8()
      let anchor = flags & 2 != 0 ? try reader.varint() : nil
      let outcome = try reader.u8()
      let status = try reader.count(limit: 999)
      let body = try reader.count(limit: RecordLayout.maxBody)
      entries.append(
        FrameSummary(
          targetID: UInt32(target), sequence: sequence, timeMs: time, durationMicros: duration,
          status: status, failure: FailureKind(rawValue: outcome), isKeyframe: flags & 1 != 0,
          anchorSequence: anchor, bodyBytes: body, offset: offset, storedBytes: size))
    }
    guard reader.isAtEnd else { throw reader.fail("stray bytes after \(count) entries") }
    return (entries, added)
  }
}
