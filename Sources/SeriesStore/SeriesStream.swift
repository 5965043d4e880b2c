public import Archive
public import PromQL

/// A recording's series as ``SeriesStore`` builds them, handed out a stretch of time at a time
/// instead of held whole: a push of a recording starts sending before reading ends, and its
/// memory does not grow with the recording's length.
///
/// Joining a series' pieces in order gives exactly that series of a ``SeriesStore`` built with
/// the same options, bit for bit (a test checks it over every shipped recording): the same
/// ingester reads the frames; only the samples leave it as they are made.
public struct SeriesStream {
  /// New samples of one series.
  public struct Piece: Sendable {
    /// Names the series across pieces: the same series always has the same id.
    public var id: Int
    /// The series' labels and the samples added since its last piece, in time order.
    public var series: PromQL.Series
  }

  private var ingester: ScrapeIngester
  private var cursor: FrameCursor
  /// Whether the last frame was read (and the stream has nothing more to give).
  public private(set) var isFinished = false

  /// A stream over `reader`'s frames, none read yet.
  public init(reader: ArchiveReader, options: SeriesStoreOptions = SeriesStoreOptions()) {
    ingester = ScrapeIngester(reader: reader, options: options)
    cursor = reader.makeCursor()
  }

  /// Frames in the recording.
  public var frameCount: Int { cursor.reader.frames.count }
  /// Frames read so far (damaged ones included).
  public var framesRead: Int { cursor.position }
  /// The scrape time of the next frame to read; nil when all were read.
  public var nextFrameTime: Int64? {
    framesRead < frameCount ? cursor.reader.frames[framesRead].timeMs : nil
  }
  /// Frames that did not decode and were skipped so far.
  public var damagedFrames: DamagedFrames { ingester.damaged }

  /// Reads the frames (in file order) whose scrape started before `time`, and returns the
  /// samples they added. Once the last frame is read, the pieces include the staleness markers
  /// of targets that stopped before the recording's end, and ``isFinished`` turns true.
  public mutating func read(before time: Int64) -> [Piece] {
    guard !isFinished else { return [] }
    ingester.ingest(&cursor, before: time)
    if framesRead >= frameCount {
      ingester.markStoppedTargets()
      isFinished = true
    }
    return ingester.drain().map { Piece(id: $0.index, series: $0.series) }
  }
}
