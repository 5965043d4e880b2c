/// Where everything is in an archive image: found through the footer's index, or by a scan.
struct ArchiveLayout {
  var header: ArchiveHeader
  var addedTargets: [ArchiveTarget] = []
  var frames: [FrameSummary] = []
  /// The footer and index were present and valid.
  var closedCleanly = false
  /// Offset where the file ends inside a record, if it does.
  var tornTail: Int?
  /// Damage found while scanning (records skipped), in file order.
  var damage: [ArchiveError] = []

  /// Reads the header, then the index through the footer, falling back to a scan.
  static func load(_ bytes: [UInt8], path: String) throws(ArchiveError) -> ArchiveLayout {
    let magic = RecordLayout.fileMagic
    if bytes.isEmpty { throw .empty(path: path) }
    guard bytes.count >= magic.count else {
      if magic.starts(with: bytes) { throw .truncatedTail(offset: bytes.count) }
      throw .notAnArchive(path: path)
    }
    guard bytes.starts(with: magic) else { throw .notAnArchive(path: path) }
    let headerEnd: Int
    let header: ArchiveHeader
    switch RecordLayout.probe(bytes, at: magic.count) {
    case .record(.header, let payload):
      header = try ArchiveHeader.decode(bytes[payload], base: payload.lowerBound)
      headerEnd = payload.upperBound
    case .truncated:
      throw .truncatedTail(offset: magic.count)
    case .record, .footer:
      throw .malformed(offset: magic.count, what: "archive: first record is not the header")
    case .corrupt(let why):
      throw .checksumMismatch(offset: magic.count, what: "header record (\(why))")
    }
    var layout = ArchiveLayout(header: header)
    if bytes.count >= headerEnd + RecordLayout.footerSize,
      case .footer(let indexOffset) = RecordLayout.probe(bytes, at: bytes.count - RecordLayout.footerSize),
      indexOffset >= headerEnd,
      case .record(.index, let payload) = RecordLayout.probe(bytes, at: indexOffset),
      let index = try? ArchiveIndex.decode(bytes[payload], base: payload.lowerBound, fileSize: indexOffset),
      index.entries.allSatisfy({ $0.offset >= headerEnd })
    {
      layout.frames = index.entries
      layout.addedTargets = index.addedTargets
      layout.closedCleanly = true
      return layout
    }
    if bytes.count >= headerEnd + RecordLayout.footerSize,
      case .footer(let indexOffset) = RecordLayout.probe(bytes, at: bytes.count - RecordLayout.footerSize)
    {
      layout.damage.append(
        .malformed(
          offset: indexOffset, what: "index: unusable although the footer is valid; rebuilt by a scan"))
    }
    layout.scan(bytes, from: headerEnd)
    return layout
  }

  /// Walks the records from `start`, skipping damaged stretches, until the end or a torn tail.
  mutating func scan(_ bytes: [UInt8], from start: Int) {
    var offset = start
    while offset < bytes.count {
      switch RecordLayout.probe(bytes, at: offset) {
      case .record(let kind, let payload):
        switch kind {
        case .frame:
          var reader = ByteReader(bytes[payload], base: payload.lowerBound, context: "frame")
          do {
            let record = try FrameRecord.decode(from: &reader)
            frames.append(
              FrameSummary(record: record, offset: offset, storedBytes: payload.upperBound - offset))
          } catch {
            damage.append(error)
          }
        case .target:
          var reader = ByteReader(bytes[payload], base: payload.lowerBound, context: "target")
          do {
            addedTargets.append(try ArchiveTarget.decode(from: &reader))
          } catch {
            damage.append(error)
          }
        case .header:
          damage.append(.malformed(offset: offset, what: "second header record (ignored)"))
        case .index:
          break
        }
        offset = payload.upperBound
      case .footer:
        return
      case .truncated, .corrupt:
        guard let next = Self.resync(bytes, after: offset) else {
          tornTail = offset
          return
        }
        damage.append(
          .checksumMismatch(offset: offset, what: "damaged stretch of \(next - offset) bytes skipped"))
        offset = next
      }
    }
  }

  /// The next offset after `offset` where a complete, CRC-valid record (or the footer) starts.
  static func resync(_ bytes: [UInt8], after offset: Int) -> Int? {
    var candidate = offset + 1
    while candidate + RecordLayout.recordHeaderSize <= bytes.count {
      let marker = bytes[candidate] == 0x72 && bytes[candidate + 1] == 0x72 && bytes[candidate + 3] == 0
      if marker || candidate == bytes.count - RecordLayout.footerSize {
        switch RecordLayout.probe(bytes, at: candidate) {
        case .record, .footer: return candidate
        case .truncated, .corrupt: break
        }
      }
      candidate += 1
    }
    return nil
  }
}
