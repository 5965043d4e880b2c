public import Archive
public import HTTP
import Synchronization

/// What a target answers while one frame is in effect, prepared once when the frame comes into
/// effect and shared by every request until the next one.
public final class ServedFrame: Sendable {
  /// How the target answers.
  public enum Answer: Sendable {
    /// A response (any status), as recorded.
    case respond(HTTPResponse)
    /// The head and part of the body, then a TCP reset (a scrape that was cut off).
    case reset(HTTPResponse, bodyBytes: Int)
    /// Close the connection without answering (an HTTP-level failure, or a refused span on a
    /// connection opened earlier).
    case close(reset: Bool)
    /// Never answer: the scraper's timeout fires.
    case hang
    /// Nothing listens: connections are refused.
    case refused
  }

  /// Recorded time of the frame.
  public let timeMs: Int64
  /// The answer.
  public let answer: Answer
  private let gzipped: Mutex<HTTPResponse?>

  /// Bodies at least this large are served from a memfd with `sendfile`.
  static let fileBackedThreshold = 16 * 1024

  /// Prepares the answer to `frame`; `timestampMs` (when given) is written into the samples of
  /// successful bodies (see ``SampleTimestamps``).
  public init(frame: Frame, timestampMs: Int64? = nil) {
    timeMs = frame.timeMs
    gzipped = Mutex(nil)
    func response(status: Int, body: [UInt8]) -> HTTPResponse {
      var headers = HTTPHeaders()
      if !frame.contentType.isEmpty { headers.append(name: "Content-Type", value: frame.contentType) }
      var body = body
      if let timestampMs, (200..<300).contains(status) {
        let openMetrics = frame.contentType.lowercased().contains("openmetrics")
        body = SampleTimestamps.insert(into: body, timestampMs: timestampMs, openMetrics: openMetrics)
      }
      return HTTPResponse(status: status, headers: headers, body: body)
        .prepared(fileBacked: body.count >= Self.fileBackedThreshold)
    }
    switch frame.outcome {
    case .response(let status):
      answer = .respond(response(status: status, body: frame.body))
    case .failed(let kind, _):
      switch kind {
      case .refused: answer = .refused
      case .timeout: answer = .hang
      case .malformed, .bodyTooLarge: answer = .respond(response(status: 200, body: frame.body))
      case .reset:
        answer =
          frame.body.isEmpty
          ? .close(reset: true)
          : .reset(response(status: 200, body: frame.body), bodyBytes: frame.body.count / 2)
      case .httpError: answer = .close(reset: false)
      case .other: answer = .close(reset: true)
      }
    }
  }

  /// True when the port should be accepting connections.
  public var listens: Bool {
    if case .refused = answer { return false }
    return true
  }

  /// The reply to one request; `gzip` when the client accepts it (compressed once per frame).
  public func reply(gzip: Bool) -> HTTPReply {
    switch answer {
    case .respond(let response):
      return .response(gzip ? compressed(response) : response)
    case .reset(let response, let bodyBytes):
      return .resetAfter(response, bodyBytes: bodyBytes)
    case .close(let reset):
      return .close(reset: reset)
    case .hang:
      return .deferred
    case .refused:
      return .close(reset: false)
    }
  }

  /// Compresses the body now (ahead of the first gzip request), when there is one.
  public func precompress() {
    if case .respond(let response) = answer { _ = compressed(response) }
  }

  private func compressed(_ response: HTTPResponse) -> HTTPResponse {
    guard response.body.count > 0 else { return response }
    if let done = gzipped.withLock({ $0 }) { return done }
    var headers = response.headers
    headers.append(name: "Content-Encoding", value: "gzip")
    headers.append(name: "Vary", value: "Accept-Encoding")
    let body = Gzip.compress(response.body)
    let made = HTTPResponse(status: response.status, reason: response.reason, headers: headers, body: body)
      .prepared(fileBacked: body.count >= Self.fileBackedThreshold)
    return gzipped.withLock { slot in
      if let done = slot { return done }
      slot = made
      return made
    }
  }
}

extension HTTPRequest {
  /// True when `Accept-Encoding` lists gzip (without `q=0`).
  var acceptsGzip: Bool {
    for value in headers.values(for: "Accept-Encoding") {
      for part in value.split(separator: ",") {
        let pieces = part.split(separator: ";")
        guard let coding = pieces.first else { continue }
        let name = coding.trimmingBlanks.lowercased()
        guard name == "gzip" || name == "x-gzip" || name == "*" else { continue }
        let zero = pieces.dropFirst().contains { param in
          let p = param.trimmingBlanks
          return p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        }
        if !zero { return true }
      }
    }
    return false
  }
}

extension Substring {
  var trimmingBlanks: Substring {
    var s = self
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return s
  }
}
