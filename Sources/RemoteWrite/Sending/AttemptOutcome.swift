/// How one request went, classified as remote write 1.0 tells a sender to act on it.
public enum AttemptOutcome: Sendable, Equatable {
  /// A 2xx: the receiver has the batch. It is never sent again.
  case delivered
  /// A 5xx, a 429 (`answered`), or no answer (refused, reset, timed out): try again after a
  /// backoff, or after `retryAfter` when the receiver said so.
  case retryable(String, retryAfter: Duration?, answered: Bool)
  /// Any other answer (a 4xx, a redirect): sending the same bytes again cannot help.
  case rejected(String)
}
