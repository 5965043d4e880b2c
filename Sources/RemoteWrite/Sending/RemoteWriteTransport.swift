/// What carries a compressed request to the receiver: the seam between the queue (batches,
/// shards, retries) and the wire, so a dry run can go through the same queue without sending.
public protocol RemoteWriteTransport: Sendable {
  /// Sends one snappy-compressed `WriteRequest` and says how it went. Never throws: a failure is
  /// an outcome the queue acts on.
  func send(_ body: [UInt8]) async -> AttemptOutcome
}

/// Sends nothing and reports every request delivered: `--dry-run` counts what would go out.
public struct DryRunTransport: RemoteWriteTransport {
  /// Creates the value.
  public init() {}

  /// Delivered at once.
  public func send(_ body: [UInt8]) async -> AttemptOutcome { .delivered }
}
