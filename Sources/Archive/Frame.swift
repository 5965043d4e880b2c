/// One scrape of one target: when, how long, how it ended, and exactly what was received.
public struct Frame: Sendable, Hashable {
  /// The ``ArchiveTarget/id`` of the scraped target.
  public var targetID: UInt32
  /// Wall-clock time the scrape started, unix milliseconds.
  public var timeMs: Int64
  /// How long the scrape took, microseconds.
  public var durationMicros: Int64
  /// HTTP status, or the failure.
  public var outcome: FrameOutcome
  /// The `Content-Type` the target sent (empty if none).
  public var contentType: String
  /// Response header fields as received, in order (may be empty).
  public var headers: [HeaderField]
  /// The response body, byte for byte (may be empty, e.g. for failures).
  public var body: [UInt8]

  /// A response header field.
  public struct HeaderField: Sendable, Hashable {
    /// Field name as received.
    public var name: String
    /// Field value as received.
    public var value: String

    /// Makes a header field.
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// Makes a frame.
  public init(
    targetID: UInt32, timeMs: Int64, durationMicros: Int64 = 0, outcome: FrameOutcome,
    contentType: String = "", headers: [HeaderField] = [], body: [UInt8] = []
  ) {
    self.targetID = targetID
    self.timeMs = timeMs
    self.durationMicros = durationMicros
    self.outcome = outcome
    self.contentType = contentType
    self.headers = headers
    self.body = body
  }
}
