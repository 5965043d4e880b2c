/// What a push did: counts, and why it stopped when it did not deliver everything.
public struct RemoteWriteReport: Sendable, Equatable {
  /// The counters at the end (the last progress report).
  public var progress = SendProgress()
  /// Requests sent, first attempts and retries.
  public var attempts = 0
  /// Uncompressed protobuf bytes of the delivered requests.
  public var protobufBytes = 0
  /// Metadata entries delivered.
  public var metadataDelivered = 0
  /// Why metadata did not all arrive (samples were still sent).
  public var metadataFailure: String?
  /// Why samples did not all arrive: the first request that failed for good. nil when every
  /// sample was delivered.
  public var failure: String?

  /// Creates an empty value.
  public init() {}

  /// Every sample was delivered.
  public var delivered: Bool { failure == nil }
}
