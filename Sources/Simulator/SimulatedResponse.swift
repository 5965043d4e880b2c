/// What a scrape of a simulated endpoint gets at one virtual moment.
public struct SimulatedResponse: Sendable, Hashable {
  public var outcome: Outcome
  /// Simulated time from connecting to the outcome, in milliseconds. For ``Outcome/hang`` it is
  /// the scenario's interval: the scraper's own timeout decides what it records.
  public var durationMs: Int64

  public init(outcome: Outcome, durationMs: Int64) {
    self.outcome = outcome
    self.durationMs = durationMs
  }

  /// A complete HTTP answer: status, `Content-Type` and body.
  public struct Answer: Sendable, Hashable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String, body: [UInt8]) {
      self.status = status
      self.contentType = contentType
      self.body = body
    }
  }

  /// How the exchange ended.
  public enum Outcome: Sendable, Hashable {
    /// A full answer (possibly an HTTP error, or a 200 with a malformed body).
    case answer(Answer)
    /// The connection is refused: the node or endpoint is down.
    case refused
    /// The connection is accepted and nothing is ever sent.
    case hang
    /// The status line, headers (announcing the full length) and the first `afterBytes` bytes
    /// of the body are sent, then the connection is reset.
    case reset(Answer, afterBytes: Int)
    /// `Content-Length` announces `declaredLength` bytes, the body carries fewer, then the
    /// connection closes cleanly.
    case truncated(Answer, declaredLength: Int)
  }

  /// The answer that was (at least partly) sent, if any.
  public var answer: Answer? {
    switch outcome {
    case .answer(let a), .reset(let a, _), .truncated(let a, _): a
    case .refused, .hang: nil
    }
  }
}
