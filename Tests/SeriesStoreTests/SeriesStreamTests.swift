import Archive
import Exposition
import PromQL
import Testing

@testable import SeriesStore

/// A series stream hands out, piece by piece, exactly the series a store builds.
@Suite(.timeLimit(.minutes(5)))
struct SeriesStreamTests {
  /// Every piece of `stream`, read `stepMs` of frames at a time, joined per series.
  static func joined(_ reader: ArchiveReader, _ options: SeriesStoreOptions, stepMs: Int64) -> [PromQL.Series]
  {
    var stream = SeriesStream(reader: reader, options: options)
    var byID: [Int: PromQL.Series] = [:]
    var rounds = 0
    while !stream.isFinished {
      rounds += 1
      let before = stream.nextFrameTime.map { $0.addingReportingOverflow(stepMs) }
      let limit = before.map { $0.overflow ? Int64.max : $0.partialValue } ?? .max
      for piece in stream.read(before: limit) {
        if var known = byID[piece.id] {
          #expect(known.labels == piece.series.labels, "an id always names the same series")
          known.timestamps += piece.series.timestamps
          known.values += piece.series.values
          byID[piece.id] = known
        } else {
          byID[piece.id] = piece.series
        }
      }
      if rounds > 1_000_000 { break }
    }
    return byID.values.sorted { Labels.precedes($0.labels, $1.labels) }
  }

  @Test(arguments: LayoutReuseTests.recordings)
  func joiningThePiecesGivesTheStoresSeriesBitForBit(path: String) throws {
    let reader = try ArchiveReader(path: path)
    for options in [SeriesStoreOptions(), .prometheus2] {
      let store = try SeriesStore(reader: reader, options: options)
      for step: Int64 in [5_000, 600_000, .max] {
        let joined = Self.joined(reader, options, stepMs: step)
        #expect(joined == store.series, "\(path), pieces of \(step) ms")
      }
    }
  }

  @Test func theLastReadMarksTargetsThatStoppedEarlyStale() throws {
    // Target 1 is scraped three times, target 2 for longer: target 1's series end with a marker
    // one interval after its last scrape, handed out only once the last frame is read.
    let frames: [(target: UInt32, at: Int64, body: String?)] =
      (0..<3).map { (1, Int64($0) * 5000, "a 1\n") } + (0..<8).map { (2, Int64($0) * 5000 + 1, "b 1\n") }
    let reader = try SeriesStoreTests.reader(frames.sorted { $0.at < $1.at })
    var stream = SeriesStream(reader: reader)
    let early = stream.read(before: SeriesStoreTests.t0 + 20_000)
    #expect(!early.contains { $0.series.values.contains(where: StaleMarker.isStale) })
    #expect(!stream.isFinished)
    let rest = stream.read(before: .max)
    #expect(stream.isFinished)
    let a = try #require(rest.first { $0.series.labels.metricName == "a" })
    #expect(a.series.timestamps == [SeriesStoreTests.t0 + 15_000])
    #expect(StaleMarker.isStale(a.series.values[0]))
    #expect(stream.read(before: .max).isEmpty)
  }
}
