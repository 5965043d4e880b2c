public import Archive
import Exposition
public import PromQL
public import SeriesStore
import Synchronization

/// A recording pushed as remote write: the series `rayrec query` reads (a ``SeriesStream``, the
/// same ingestion as ``SeriesStore``), cut into spans of time as the frames are read, and the
/// metadata of each target's last scrape.
///
/// The series store decides the samples: target labels (`job`, `instance`, extra labels), `up`
/// and the scrape series, staleness markers where series end, duplicates and out-of-order
/// samples dropped. Per series they are in time order; labels are sorted by name. Only samples
/// with `from <= time < to` are sent; every frame is read, since the staleness of a series
/// depends on the scrapes before it.
public final class ArchivePush: WriteSpanSource {
  /// Ten minutes of frames per span: long enough that a request carries many samples of a series
  /// under one copy of its labels (120 at a 5s interval), short enough that the shards stay well
  /// inside the hour a receiver's head block accepts behind its newest sample.
  public static let defaultSpanMs: Int64 = 10 * 60_000

  /// What was pushed, counted as the spans were made (complete once the source is exhausted).
  public struct Summary: Sendable {
    /// Series with at least one sample in the window.
    public var seriesCount = 0
    /// Samples in the window, staleness markers included.
    public var sampleCount = 0
    /// Of those, staleness markers.
    public var staleMarkers = 0
    /// The first sample time in the window (unix ms); nil when it holds none.
    public var firstMs: Int64?
    /// The last sample time in the window (unix ms); nil when it holds none.
    public var lastMs: Int64?
    /// The first few series made, with their sample counts in the first span, for a dry run.
    public var preview: [(labels: Labels, samples: Int)] = []
    /// Frames skipped because they did not decode.
    public var damagedFrames = DamagedFrames()
  }

  private struct State {
    var stream: SeriesStream
    var labels: [Int: EncodedLabels] = [:]
    var summary = Summary()
  }

  /// One entry per distinct family metadata across targets, in target order.
  public let metadata: [MetricMetadata]
  private let state: Mutex<State>
  private let from: Int64
  private let to: Int64
  private let spanMs: Int64

  /// A push of `reader` read with `options`, of the samples with `from <= time < to`.
  public init(
    reader: ArchiveReader, options: SeriesStoreOptions = SeriesStoreOptions(), from: Int64 = .min,
    to: Int64 = .max, spanMs: Int64 = ArchivePush.defaultSpanMs
  ) {
    precondition(spanMs > 0, "spans must have a length")
    self.from = from
    self.to = to
    self.spanMs = spanMs
    state = Mutex(State(stream: SeriesStream(reader: reader, options: options)))
    metadata = Self.metadata(reader, before: to)
  }

  /// The counts so far; final once ``nextSpan()`` returned nil.
  public var summary: Summary { state.withLock { $0.summary } }

  /// Reads the next `spanMs` of frames (from the next frame's time) and returns their samples
  /// in the window; spans with none are skipped.
  public func nextSpan() async -> WriteSpan? {
    state.withLock { state in
      while !state.stream.isFinished {
        let start = state.stream.nextFrameTime ?? .max
        let (sum, overflow) = start.addingReportingOverflow(spanMs)
        let pieces = state.stream.read(before: overflow ? .max : sum)
        let runs = pieces.compactMap { run(of: $0, &state) }
        state.summary.damagedFrames = state.stream.damagedFrames
        let fraction =
          state.stream.frameCount == 0 ? 1 : Double(state.stream.framesRead) / Double(state.stream.frameCount)
        if !runs.isEmpty { return WriteSpan(runs: runs, sourceFraction: fraction) }
      }
      return nil
    }
  }

  /// A piece's samples in the window as a run, counted in the summary; nil when none are.
  private func run(of piece: SeriesStream.Piece, _ state: inout State) -> SeriesRun? {
    let times = piece.series.timestamps
    let low = from == .min ? 0 : InMemoryStorage.firstIndex(in: times) { $0 >= from }
    let high = to == .max ? times.count : InMemoryStorage.firstIndex(in: times) { $0 >= to }
    guard low < high else { return nil }
    let labels: EncodedLabels
    if let known = state.labels[piece.id] {
      labels = known
    } else {
      labels = EncodedLabels(piece.series.labels.pairs)
      state.labels[piece.id] = labels
      state.summary.seriesCount += 1
      if state.summary.preview.count < 5 { state.summary.preview.append((piece.series.labels, high - low)) }
    }
    let values = piece.series.values[low..<high]
    state.summary.sampleCount += high - low
    state.summary.staleMarkers += values.reduce(0) { $0 + (StaleMarker.isStale($1) ? 1 : 0) }
    state.summary.firstMs = min(state.summary.firstMs ?? times[low], times[low])
    state.summary.lastMs = max(state.summary.lastMs ?? times[high - 1], times[high - 1])
    return SeriesRun(
      labels: labels, shardKey: piece.series.labels.fingerprint, timestamps: times[low..<high], values: values
    )
  }

  /// Each target's last-scrape metadata before `end`, entries equal across targets sent once
  /// (Prometheus's metadata watcher does the same).
  static func metadata(_ reader: ArchiveReader, before end: Int64) -> [MetricMetadata] {
    var seen = Set<MetricMetadata>()
    var out: [MetricMetadata] = []
    for target in reader.targets {
      for entry in RecordedMetadata.lastScrape(of: target, in: reader, upTo: end == .max ? .max : end - 1) {
        let converted = MetricMetadata(
          type: MetricMetadata.MetricType(entry.type), familyName: entry.metric, help: entry.help,
          unit: entry.unit)
        if seen.insert(converted).inserted { out.append(converted) }
      }
    }
    return out
  }
}
