/// A response for the server to send.
///
/// The server frames it: it writes `Content-Length` (and `Connection` when needed) itself and
/// skips any such fields in ``headers``. The body is an array, so handing the same response to
/// many requests shares one buffer (copy-on-write) instead of copying it each time; call
/// ``prepared()`` once to serialise the head in advance as well.
public struct HTTPResponse: Sendable {
  /// The status code.
  public var status: Int {
    didSet { preparedHead = nil }
  }
  /// The reason phrase.
  public var reason: String {
    didSet { preparedHead = nil }
  }
  /// Header fields other than the framing ones, in order.
  public var headers: HTTPHeaders {
    didSet { preparedHead = nil }
  }
  /// The body bytes (not sent for HEAD, 1xx, 204 and 304).
  public var body: [UInt8] {
    didSet {
      preparedHead = nil
      fileBody = nil
    }
  }
  /// The head for a keep-alive HTTP/1.1 exchange, serialised by ``prepared(fileBacked:)``.
  private(set) var preparedHead: [UInt8]?
  /// The body in a memfd for `sendfile`, made by ``prepared(fileBacked:)``.
  private(set) var fileBody: FileBody?

  /// Creates a response; `reason` defaults to the standard phrase for `status`.
  public init(status: Int = 200, reason: String? = nil, headers: HTTPHeaders = [:], body: [UInt8] = []) {
    self.status = status
    self.reason = reason ?? HTTPResponse.standardReason(status)
    self.headers = headers
    self.body = body
  }

  /// A plain-text response (handy for errors and tests).
  public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
  }

  /// A copy whose head is serialised once, so serving it costs no per-request formatting.
  ///
  /// - Parameter fileBacked: also copy the body into an in-memory file (one descriptor, kept
  ///   until the last copy of this response is gone) and serve it with `sendfile`, which avoids
  ///   copying the body for every request. Worth it for large bodies served many times.
  public func prepared(fileBacked: Bool = false) -> HTTPResponse {
    var copy = self
    var head: [UInt8] = []
    writeHead(into: &head, keepAlive: true, minorVersion: 1)
    copy.preparedHead = head
    if fileBacked, !body.isEmpty { copy.fileBody = FileBody(body) }
    return copy
  }

  /// Whether this status carries a body at all (RFC 9110 §6.4.1).
  var allowsBody: Bool { !(100..<200).contains(status) && status != 204 && status != 304 }

  /// Serialises status line, fields and framing for a request of `minorVersion`.
  func writeHead(into head: inout [UInt8], keepAlive: Bool, minorVersion: Int) {
    head.reserveCapacity(128 + headers.count * 48)
    head.append(contentsOf: "HTTP/1.1 ".utf8)
    appendDecimal(status, to: &head)
    head.append(0x20)
    head.append(contentsOf: reason.utf8)
    head.append(contentsOf: "\r\n".utf8)
    for field in headers.fields {
      if asciiCaseInsensitiveEqual(field.name, "Content-Length")
        || asciiCaseInsensitiveEqual(field.name, "Transfer-Encoding")
        || asciiCaseInsensitiveEqual(field.name, "Connection")
      {
        continue
      }
      head.append(contentsOf: field.name.utf8)
      head.append(contentsOf: ": ".utf8)
      head.append(contentsOf: field.value.utf8)
      head.append(contentsOf: "\r\n".utf8)
    }
    if status != 204 && !(100..<200).contains(status) {
      head.append(contentsOf: "Content-Length: ".utf8)
      appendDecimal(body.count, to: &head)
      head.append(contentsOf: "\r\n".utf8)
    }
    if !keepAlive {
      head.append(contentsOf: "Connection: close\r\n".utf8)
    } else if minorVersion == 0 {
      head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
    }
    head.append(contentsOf: "\r\n".utf8)
  }

  /// The standard reason phrase of common status codes.
  public static func standardReason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 204: "No Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: "Status \(status)"
    }
  }
}

/// Appends the decimal digits of a non-negative `value`.
func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
  if value < 10 {
    bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
    return
  }
  var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  var count = 0
  var rest = value
  withUnsafeMutableBytes(of: &digits) { buffer in
    while rest > 0 && count < buffer.count {
      buffer[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
      rest /= 10
      count += 1
    }
    for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
  }
}
