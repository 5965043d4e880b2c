import Basics
import Glibc
import Synchronization

/// Reads a `.rayrec` archive: header, targets, frame list, random access by time, sequential
/// decoding, statistics, verification and repair.
///
/// The file is read into memory once. A cleanly closed archive is opened through its footer
/// index; otherwise (crash, `kill -9`) the reader scans the records, stops at a torn tail and
/// reports it in ``diagnostics`` instead of failing. Safe to share between tasks: decoding is
/// serialised internally.
public final class ArchiveReader: Sendable {
  /// Path the archive was read from (`<memory>` for in-memory images).
  public let path: String
  /// The archive header.
  public let header: ArchiveHeader
  /// Header targets followed by targets added later, by id order of appearance.
  public let targets: [ArchiveTarget]
  /// Every readable frame record, in file order.
  public let frames: [FrameSummary]
  /// True when the footer and index were present and valid; false means the writer did not
  /// finish (the index was rebuilt by a scan).
  public let closedCleanly: Bool
  /// Offset at which the file ends inside a record (the writer was interrupted), if it does.
  public let truncatedTailOffset: Int?
  /// What the reader had to work around: a torn tail, damaged stretches skipped by the scan.
  /// Empty for a healthy, cleanly closed archive.
  public let diagnostics: [ArchiveError]
  /// Size of the archive in bytes.
  public var fileSize: Int { bytes.count }

  let bytes: [UInt8]
  /// Per target: positions in ``frames`` in file order.
  let positionsByTarget: [UInt32: [Int]]
  /// Per target whose frame times are not non-decreasing: local indices sorted by time.
  let timeOrder: [UInt32: [Int]]
  let cache: Mutex<DecodeCache>

  /// Opens the archive at `path`.
  ///
  /// - Throws: ``ArchiveError/io(path:operation:errno:message:)``,
  ///   ``ArchiveError/notAnArchive(path:)``, or an error naming the offset when even the header
  ///   is unreadable. Later damage does not throw; it is listed in ``diagnostics``.
  public convenience init(path: String) throws(ArchiveError) {
    try self.init(bytes: try Self.readFile(path), path: path)
  }

  /// Opens an archive image held in memory.
  public init(bytes: [UInt8], path: String = "<memory>") throws(ArchiveError) {
    let layout: ArchiveLayout
    do { layout = try ArchiveLayout.load(bytes, path: path) } catch { throw error.inFile(path) }
    self.path = path
    self.bytes = bytes
    header = layout.header
    var seen = Set<UInt32>()
    targets = (layout.header.targets + layout.addedTargets).filter { seen.insert($0.id).inserted }
    frames = layout.frames
    closedCleanly = layout.closedCleanly
    truncatedTailOffset = layout.tornTail
    diagnostics = layout.damage + (layout.tornTail.map { [.truncatedTail(offset: $0)] } ?? [])
    var positions: [UInt32: [Int]] = [:]
    for (position, frame) in layout.frames.enumerated() {
      positions[frame.targetID, default: []].append(position)
    }
    positionsByTarget = positions
    var order: [UInt32: [Int]] = [:]
    for (target, list) in positions {
      let sorted = zip(list, list.dropFirst()).allSatisfy {
        layout.frames[$0.0].timeMs <= layout.frames[$0.1].timeMs
      }
      if !sorted {
        order[target] = list.indices.sorted {
          (layout.frames[list[$0]].timeMs, $0) < (layout.frames[list[$1]].timeMs, $1)
        }
      }
    }
    timeOrder = order
    cache = Mutex(DecodeCache())
  }

  /// The target with this id, if the archive knows it.
  public func target(id: UInt32) -> ArchiveTarget? { targets.first { $0.id == id } }

  /// Counts and sizes, from the index (no decoding).
  public var stats: ArchiveStats {
    var stats = ArchiveStats()
    stats.frames = frames.count
    stats.storedBytes = bytes.count
    stats.targets = targets.count
    for frame in frames {
      if frame.isFailure { stats.failedFrames += 1 }
      if frame.isKeyframe { stats.keyframes += 1 }
      stats.rawBytes += frame.bodyBytes
      stats.firstTimeMs = min(stats.firstTimeMs ?? frame.timeMs, frame.timeMs)
      stats.lastTimeMs = max(stats.lastTimeMs ?? frame.timeMs, frame.timeMs)
    }
    return stats
  }

  static func readFile(_ path: String) throws(ArchiveError) -> [UInt8] {
    do { return try FileIO.readAll(path) } catch { throw ArchiveError(error) }
  }
}

/// Decoder and the last decoded frame of each target, so replay's "next frame" costs one frame.
struct DecodeCache {
  var decoder: FrameDecoder?
  var last: [UInt32: (local: Int, frame: Frame, state: ChainState)] = [:]
  var anchors: [UInt32: ChainState] = [:]
}
