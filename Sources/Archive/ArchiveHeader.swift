/// What an archive says about itself: format version, when and by what it was made, its targets.
public struct ArchiveHeader: Sendable, Hashable {
  /// The format version this library writes.
  public static let currentFormatVersion: UInt16 = 1

  /// Format version of the archive (`currentFormatVersion` for new archives).
  public var formatVersion: UInt16
  /// Creation time, unix milliseconds.
  public var createdMs: Int64
  /// Free text naming the program that wrote the archive, e.g. `rayrec 0.1.0`.
  public var recorderVersion: String
  /// Targets known when the archive was created (more may be added later; see
  /// ``ArchiveReader/targets``).
  public var targets: [ArchiveTarget]

  /// Makes a header for a new archive.
  public init(
    createdMs: Int64, recorderVersion: String, targets: [ArchiveTarget],
    formatVersion: UInt16 = ArchiveHeader.currentFormatVersion
  ) {
    self.formatVersion = formatVersion
    self.createdMs = createdMs
    self.recorderVersion = recorderVersion
    self.targets = targets
  }
}

extension ArchiveHeader {
  func encode() -> [UInt8] {
    var writer = ByteWriter(capacity: 256)
    writer.u16(formatVersion)
    writer.i64(createdMs)
    writer.string(recorderVersion)
    writer.varint(targets.count)
    for target in targets { target.encode(into: &writer) }
    return writer.bytes
  }

  static func decode(_ bytes: ArraySlice<UInt8>, base: Int) throws(ArchiveError) -> ArchiveHeader {
    var reader = ByteReader(bytes, base: base, context: "header")
    let version = try reader.u16()
    guard version <= currentFormatVersion, version > 0 else { throw .unsupportedVersion(version) }
    let created = try reader.i64()
    let recorder = try reader.string()
    let count = try reader.count(limit: reader.remaining)
    var targets: [ArchiveTarget] = []
    for _ in 0..<count { targets.append(try ArchiveTarget.decode(from: &reader)) }
    return ArchiveHeader(
      createdMs: created, recorderVersion: recorder, targets: targets, formatVersion: version)
  }
}
