public import Archive
import Exposition

/// How many samples and distinct series an archive holds, per target and in all.
public struct ArchiveCensus: Sendable, Equatable {
  public struct Counts: Sendable, Hashable {
    public var samples = 0
    public var series = 0
  }

  public var total = Counts()
  public var byTarget: [UInt32: Counts] = [:]
  /// Frames whose body did not parse (they count no samples).
  public var unparsable = 0
  /// Frames skipped because they did not decode.
  public var damaged = DamagedFrames()

  /// Decodes every frame and counts its sample lines and distinct series (metric name and labels
  /// as written). Failed scrapes and frames that do not decode (``damaged``) count nothing.
  public static func count(_ reader: ArchiveReader) -> ArchiveCensus {
    var census = ArchiveCensus()
    var seen: [UInt32: Set<Int>] = [:]
    var cursor = reader.makeCursor()
    while let (frame, _) = cursor.nextIntact(skipping: &census.damaged) {
      guard !frame.outcome.isFailure else { continue }
      var parser = ExpositionParser(
        bytes: frame.body, format: ExpositionFormat(contentType: frame.contentType), strict: false)
      var counts = census.byTarget[frame.targetID] ?? Counts()
      var keys = seen[frame.targetID] ?? []
      do {
        while let entry = try parser.next() {
          guard entry == .sample else { continue }
          counts.samples += 1
          var hasher = Hasher()
          parser.combineSeries(into: &hasher)
          keys.insert(hasher.finalize())
        }
      } catch {
        census.unparsable += 1
      }
      counts.series = keys.count
      census.byTarget[frame.targetID] = counts
      seen[frame.targetID] = keys
    }
    for counts in census.byTarget.values {
      census.total.samples += counts.samples
      census.total.series += counts.series
    }
    return census
  }
}
