/// How far a push has come, reported after every delivered request.
public struct SendProgress: Sendable, Equatable {
  /// Samples the receiver acknowledged.
  public var samplesDelivered = 0
  /// Compressed bytes of the requests the receiver answered (retries included; an attempt that
  /// got no answer is not counted, since how much of it went out is unknown).
  public var bodyBytes = 0
  /// Requests the receiver acknowledged (metadata ones included).
  public var requestsDelivered = 0
  /// Attempts that failed and were tried again.
  public var retries = 0
  /// How much of the source is done, 0 to 1 (see ``WriteSpan/sourceFraction``).
  public var fraction = 0.0
  /// Time since the push started.
  public var elapsed: Duration = .zero

  /// Creates an empty value.
  public init() {}

  /// The time left at the pace so far; nil before anything was done.
  public var remaining: Duration? {
    guard fraction > 0 else { return nil }
    return elapsed * (max(0, 1 - fraction) / fraction)
  }
}
