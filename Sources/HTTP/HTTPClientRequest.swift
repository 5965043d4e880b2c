/// One request for ``HTTPClient``: by default what Prometheus sends when it scrapes.
public struct HTTPClientRequest: Sendable, Equatable {
  /// What Prometheus 2.x/3.x sends as `Accept` when scraping.
  public static let prometheusAccept =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

  /// Where to send the request.
  public var url: HTTPURL
  /// The method (scrapes use GET).
  public var method = "GET"
  /// The `Accept` value; override to prefer plain text.
  public var accept = HTTPClientRequest.prometheusAccept
  /// Whether to send `Accept-Encoding: gzip` (gzip bodies are decoded either way).
  public var acceptGzip = true
  /// Time allowed for the whole exchange, connect included (also sent to the target as
  /// `X-Prometheus-Scrape-Timeout-Seconds`).
  public var timeout: Duration = .seconds(10)
  /// Time allowed for the TCP connection (capped by ``timeout``).
  public var connectTimeout: Duration = .seconds(5)
  /// The most body bytes accepted after gzip decoding (Prometheus's `body_size_limit`); the
  /// connection is closed with `bodyTooLarge` as soon as the body passes it, so an endless or
  /// inflating body never costs more memory than this. `Int.max` for no limit.
  public var maxBodyBytes = 64 * 1024 * 1024
  /// The most body bytes a failed exchange keeps in ``HTTPError/partial`` (the first ones): a
  /// failure is shown and stored by its start, not carried whole. 64 KiB by default.
  public var partialBodyBytes = 64 * 1024
  /// Whether to send `Connection: close`. Prometheus does not, so neither do scrapes by default;
  /// the client closes each connection after its response either way.
  public var closeConnection = false
  /// Extra fields sent after the standard ones.
  public var extraHeaders: HTTPHeaders = [:]
  /// Whether to send what a scrape sends (`Accept`, `Accept-Encoding`,
  /// `X-Prometheus-Scrape-Timeout-Seconds`); off for other requests, such as remote write's POSTs.
  public var sendsScrapeHeaders = true
  /// The request body, sent with its `Content-Length` (also for an empty POST or PUT body).
  public var body: [UInt8] = []

  /// A GET of `url` with Prometheus' scrape headers.
  public init(url: HTTPURL, timeout: Duration = .seconds(10)) {
    self.url = url
    self.timeout = timeout
  }

  /// What a failure names as the operation: `scrape URL` for scrapes, `METHOD URL` otherwise.
  var operation: String { sendsScrapeHeaders ? "scrape \(url)" : "\(method) \(url)" }

  /// Serialises the request: its head, then the body.
  func serialized(userAgent: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(512 + body.count)
    func line(_ name: String, _ value: String) {
      bytes.append(contentsOf: name.utf8)
      bytes.append(contentsOf: ": ".utf8)
      bytes.append(contentsOf: value.utf8)
      bytes.append(contentsOf: "\r\n".utf8)
    }
    bytes.append(contentsOf: "\(method) \(url.target) HTTP/1.1\r\n".utf8)
    line("Host", url.hostHeader)
    line("User-Agent", userAgent)
    if sendsScrapeHeaders {
      line("Accept", accept)
      if acceptGzip { line("Accept-Encoding", "gzip") }
      line("X-Prometheus-Scrape-Timeout-Seconds", Self.seconds(timeout))
    }
    if closeConnection { line("Connection", "close") }
    for field in extraHeaders.fields { line(field.name, field.value) }
    // RFC 9110 §8.6: a POST or PUT says its length even when it is 0; GET says it only with a body.
    if !body.isEmpty || method == "POST" || method == "PUT" { line("Content-Length", "\(body.count)") }
    bytes.append(contentsOf: "\r\n".utf8)
    bytes.append(contentsOf: body)
    return bytes
  }

  /// Seconds with up to three decimals and no trailing zeros, as Prometheus prints them (`10`, `0.5`).
  static func seconds(_ duration: Duration) -> String {
    let millis = max(0, Int(duration.nanoseconds / 1_000_000))
    let whole = millis / 1000
    var fraction = millis % 1000
    guard fraction > 0 else { return "\(whole)" }
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
    return "\(whole).\(padded)"
  }
}

/// The outcome of one scrape: always timed, then either a response or a classified failure.
public struct ScrapeResult: Sendable, Equatable {
  /// Wall-clock time the scrape started, in Unix milliseconds.
  public var startUnixMillis: Int64
  /// Time from start to completion or failure, in microseconds.
  public var durationMicros: Int64
  /// The response, or why there is none (``HTTPError/partial`` holds what arrived).
  public var outcome: Result<HTTPClientResponse, HTTPError>

  /// The response when the scrape succeeded.
  public var response: HTTPClientResponse? { try? outcome.get() }

  /// The error when it failed.
  public var error: HTTPError? {
    if case .failure(let error) = outcome { return error }
    return nil
  }
}
