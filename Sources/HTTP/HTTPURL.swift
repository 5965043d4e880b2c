/// An `http://host[:port]/path?query` URL: the only kind a scrape target has.
public struct HTTPURL: Sendable, Hashable, CustomStringConvertible {
  /// The host as written (an IPv4 address, `localhost` or a name).
  public var host: String
  /// The port (80 when the URL names none).
  public var port: UInt16
  /// The request target: path plus `?query`, at least `/`.
  public var target: String

  /// Creates a URL from parts.
  public init(host: String, port: UInt16, target: String = "/") {
    self.host = host
    self.port = port
    self.target = target.isEmpty ? "/" : target
  }

  /// Parses `http://host[:port][/path][?query]`; a fragment is dropped.
  ///
  /// - Throws: ``HTTPError`` of kind `badURL` naming the problem.
  public init(parsing text: String) throws(HTTPError) {
    func fail(_ message: String) -> HTTPError {
      HTTPError(kind: .badURL, operation: "parse URL \(text)", message: message)
    }
    let scheme = "http://"
    guard text.utf8.count > scheme.utf8.count,
      asciiCaseInsensitiveEqual(text.prefix(scheme.count), scheme)
    else {
      throw fail(text.lowercased().hasPrefix("https://") ? "https is not supported" : "expected http://")
    }
    var rest = text.dropFirst(scheme.count)
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    var target = String(rest[authorityEnd...])
    if target.hasPrefix("?") { target = "/" + target }
    if target.isEmpty { target = "/" }
    if authority.contains("@") { throw fail("user information is not supported") }
    if authority.hasPrefix("[") { throw fail("IPv6 addresses are not supported") }
    var port: UInt16 = 80
    if let colon = authority.lastIndex(of: ":") {
      let digits = authority[authority.index(after: colon)...]
      guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let value = UInt16(digits), value > 0
      else {
        throw fail("invalid port '\(digits)'")
      }
      port = value
      authority = authority[..<colon]
    }
    guard !authority.isEmpty else { throw fail("missing host") }
    guard target.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7f }) else {
      throw fail("spaces or control characters in the path")
    }
    self.init(host: String(authority), port: port, target: target)
  }

  /// The `Host` header value: `host` or `host:port` when not 80.
  public var hostHeader: String { port == 80 ? host : "\(host):\(port)" }

  /// `http://host:port/target`.
  public var description: String { "http://\(host):\(port)\(target)" }
}
