import Archive
import Foundation
public import HTTP

/// Remote write over rayrec's own HTTP client: a POST with the protocol's headers, the answer
/// classified as Prometheus's remote write client does.
public struct HTTPTransport: RemoteWriteTransport {
  /// The most bytes of an error answer's body read for its message (Prometheus reads 1024).
  static let messageBytes = 1024

  let client: HTTPClient
  let endpoint: RemoteWriteEndpoint

  /// Sends through `client` (its `User-Agent`, `rayrec/<version>`, names the sender).
  public init(client: HTTPClient, endpoint: RemoteWriteEndpoint) {
    self.client = client
    self.endpoint = endpoint
  }

  /// POSTs `body` and classifies the answer.
  public func send(_ body: [UInt8]) async -> AttemptOutcome {
    var request = HTTPClientRequest(url: endpoint.url, timeout: endpoint.timeout)
    request.method = "POST"
    request.sendsScrapeHeaders = false
    request.extraHeaders = endpoint.requestHeaders
    request.body = body
    request.maxBodyBytes = 1 << 20
    request.partialBodyBytes = Self.messageBytes
    let result = await client.scrape(request)
    switch result.outcome {
    case .success(let response):
      return Self.classify(
        status: response.status, reason: response.reason, body: response.body,
        retryAfter: response.headers["Retry-After"], now: result.startUnixMillis / 1000)
    case .failure(let error):
      if error.kind == .redirect, let response = error.partial {
        let location = response.headers["Location"].map { " to \($0)" } ?? ""
        return .rejected(
          "\(Self.status(response.status, response.reason)): redirect\(location) not followed")
      }
      return .retryable(error.description, retryAfter: nil, answered: false)
    }
  }

  /// The outcome of an answer: 2xx delivered; 5xx and 429 retryable (after `Retry-After` when
  /// given, in seconds or as an HTTP date relative to `now`, unix seconds); anything else
  /// rejected. The message is Prometheus's: `server returned HTTP status 400 Bad Request: ` and
  /// the first line of the body.
  static func classify(
    status: Int, reason: String, body: [UInt8], retryAfter: String?, now: Int64
  ) -> AttemptOutcome {
    if (200..<300).contains(status) { return .delivered }
    let firstLine =
      body.prefix(messageBytes).split(separator: 0x0A, omittingEmptySubsequences: false).first ?? []
    var message = "server returned HTTP status \(Self.status(status, reason)): "
    message += String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .newlines)
    if status == 404 {
      message += " (is the path right? Prometheus takes remote write at /api/v1/write when started "
      message += "with --web.enable-remote-write-receiver)"
    } else if status == 413 {
      message += " (the request is larger than the receiver takes: a smaller --batch-size helps)"
    }
    guard (500..<600).contains(status) || status == 429 else { return .rejected(message) }
    return .retryable(message, retryAfter: retryAfter.flatMap { Self.delay($0, now: now) }, answered: true)
  }

  /// `Retry-After` as a delay: whole seconds, or an HTTP date; nil when it is neither or lies in
  /// the past (the usual backoff applies then, as in Prometheus).
  static func delay(_ text: String, now: Int64) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let seconds = Int64(trimmed), seconds > 0 { return .seconds(seconds) }
    if let date = HTTPDate.parse(trimmed), date > now { return .seconds(date - now) }
    return nil
  }

  /// `400 Bad Request`: the status and its reason as sent (the standard one when empty).
  static func status(_ code: Int, _ reason: String) -> String {
    "\(code) \(reason.isEmpty ? HTTPResponse.standardReason(code) : reason)"
  }
}
