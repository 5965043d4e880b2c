/// How a scrape ended: with an HTTP response (any status), or without a usable one.
public enum FrameOutcome: Sendable, Hashable {
  /// The target answered with this HTTP status code; the frame's body is what it sent.
  case response(status: Int)
  /// The scrape failed; `message` says what happened, as the recorder saw it.
  case failed(FailureKind, message: String)

  /// True for failures and for responses outside 200..<300 (what Prometheus counts as `up == 0`).
  public var isFailure: Bool {
    switch self {
    case .response(let status): return !(200..<300).contains(status)
    case .failed: return true
    }
  }
}

/// Why a scrape produced no usable response.
public enum FailureKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// The connection was refused (nothing listening).
  case refused = 1
  /// The scrape timed out.
  case timeout = 2
  /// The connection was reset or closed early.
  case reset = 3
  /// The HTTP exchange itself failed (bad status line, bad framing).
  case httpError = 4
  /// The body exceeded the recorder's size limit.
  case bodyTooLarge = 5
  /// The body arrived but could not be parsed as an exposition.
  case malformed = 6
  /// Anything else.
  case other = 7

  public var description: String {
    switch self {
    case .refused: "refused"
    case .timeout: "timeout"
    case .reset: "reset"
    case .httpError: "httpError"
    case .bodyTooLarge: "bodyTooLarge"
    case .malformed: "malformed"
    case .other: "other"
    }
  }
}
