/// A response as a scrape received it: everything a recording needs to reproduce it.
public struct HTTPClientResponse: Sendable, Equatable {
  /// The status code, e.g. 200.
  public var status: Int
  /// The reason phrase as sent (may be empty).
  public var reason: String
  /// The minor HTTP version of the response: 0 or 1.
  public var minorVersion: Int
  /// The header fields in the order received (including `Content-Encoding` when gzip).
  public var headers: HTTPHeaders
  /// The body after removing chunked framing and gzip encoding.
  public var body: [UInt8]
  /// True when the body arrived with `Content-Encoding: gzip` (and was decoded).
  public var wasGzip: Bool
  /// Wall-clock time the request started, in Unix milliseconds.
  public var startUnixMillis: Int64
  /// Time from the start until the response was complete (or failed), in microseconds.
  public var durationMicros: Int64

  /// Creates a response.
  public init(
    status: Int, reason: String, minorVersion: Int = 1, headers: HTTPHeaders = [:],
    body: [UInt8] = [], wasGzip: Bool = false, startUnixMillis: Int64 = 0, durationMicros: Int64 = 0
  ) {
    self.status = status
    self.reason = reason
    self.minorVersion = minorVersion
    self.headers = headers
    self.body = body
    self.wasGzip = wasGzip
    self.startUnixMillis = startUnixMillis
    self.durationMicros = durationMicros
  }

  /// The `Content-Type` field, if sent.
  public var contentType: String? { headers["Content-Type"] }
}
