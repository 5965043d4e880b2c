/// One parsed request, as handed to an ``HTTPHandler``.
public struct HTTPRequest: Sendable, Equatable {
  /// The method token, e.g. `GET`.
  public var method: String
  /// The request target as sent: path plus optional `?query`.
  public var target: String
  /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  /// The header fields in order.
  public var headers: HTTPHeaders
  /// The body (decoded from chunked framing), usually empty.
  public var body: [UInt8]

  /// Creates a request.
  public init(
    method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = [:],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.minorVersion = minorVersion
    self.headers = headers
    self.body = body
  }

  /// The target up to `?`.
  public var path: Substring {
    target.firstIndex(of: "?").map { target[..<$0] } ?? target[...]
  }

  /// The target after `?`, if any.
  public var query: Substring? {
    target.firstIndex(of: "?").map { target[target.index(after: $0)...] }
  }

  /// True for `HEAD`, whose response carries headers only.
  public var isHead: Bool { method == "HEAD" }

  /// Whether the connection stays open after this request (RFC 9112 §9.3).
  public var keepAlive: Bool {
    if headers.containsToken("close", in: "Connection") { return false }
    if minorVersion >= 1 { return true }
    return headers.containsToken("keep-alive", in: "Connection")
  }
}
