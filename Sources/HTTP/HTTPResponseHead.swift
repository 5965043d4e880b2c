/// The status line and header fields of a response, as the client parses them.
struct HTTPResponseHead: Equatable {
  var minorVersion: Int
  var status: Int
  var reason: String
  var headers: HTTPHeaders

  /// How the body of a response is delimited (RFC 9112 §6.3).
  enum Framing: Equatable {
    case none
    case length(Int)
    case chunked
    case untilClose
  }

  /// Parses a head at the start of `bytes`; nil when more bytes are needed.
  ///
  /// - Returns: the head and the number of bytes it used (the body starts there).
  /// - Throws: ``HTTPError`` of kind `badResponse` naming the problem.
  static func parse(
    _ bytes: UnsafeRawBufferPointer, maxBytes: Int = 64 * 1024
  ) throws(HTTPError) -> (HTTPResponseHead, consumed: Int)? {
    guard let statusLine = HeadScanner.line(in: bytes, from: 0) else {
      if bytes.count > maxBytes { throw .badResponse("parse status line", "status line too long") }
      if bytes.count >= 5, !bytes.starts(with: "HTTP/".utf8) {
        throw .badResponse("parse status line", "response does not start with HTTP/")
      }
      return nil
    }
    var head = try parseStatusLine(bytes, statusLine)
    var position = statusLine.next
    while true {
      guard let line = HeadScanner.line(in: bytes, from: position) else {
        if bytes.count > maxBytes { throw .badResponse("parse headers", "header section too large") }
        return nil
      }
      if line.next > maxBytes { throw .badResponse("parse headers", "header section too large") }
      position = line.next
      if line.start == line.end { break }
      guard bytes[line.start] != 0x20, bytes[line.start] != 0x09,
        let field = HeadScanner.field(in: bytes, line)
      else {
        let text = String(
          decoding: UnsafeRawBufferPointer(rebasing: bytes[line.start..<min(line.end, line.start + 80)]),
          as: UTF8.self)
        throw .badResponse("parse headers", "malformed header line '\(text)'")
      }
      head.headers.append(name: field.name, value: field.value)
    }
    return (head, position)
  }

  private static func parseStatusLine(
    _ bytes: UnsafeRawBufferPointer, _ line: HeadScanner.Line
  ) throws(HTTPError) -> HTTPResponseHead {
    let text = UnsafeRawBufferPointer(rebasing: bytes[line.start..<line.end])
    func fail() -> HTTPError {
      let shown = String(decoding: text.prefix(80), as: UTF8.self)
      return .badResponse("parse status line", "malformed status line '\(shown)'")
    }
    // HTTP/1.x SP 3DIGIT [SP reason]
    guard text.count >= 12, text.starts(with: "HTTP/1.".utf8), text[7] >= 0x30, text[7] <= 0x39,
      text[8] == 0x20
    else { throw fail() }
    var status = 0
    for index in 9..<12 {
      let byte = text[index]
      guard byte >= 0x30, byte <= 0x39 else { throw fail() }
      status = status * 10 + Int(byte - 0x30)
    }
    guard status >= 100 else { throw fail() }
    var reason = ""
    if text.count > 12 {
      guard text[12] == 0x20 else { throw fail() }
      reason = String(decoding: text[13...], as: UTF8.self)
    }
    return HTTPResponseHead(
      minorVersion: Int(text[7] - 0x30), status: status, reason: reason, headers: HTTPHeaders())
  }

  /// The body framing for a response to a request of `method`.
  func framing(method: String) throws(HTTPError) -> Framing {
    if method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 {
      return .none
    }
    let encodings = headers.values(for: "Transfer-Encoding")
    if !encodings.isEmpty {
      let last = encodings.last?.split(separator: ",").last?.trimmingSpaces ?? ""
      return asciiCaseInsensitiveEqual(last, "chunked") ? .chunked : .untilClose
    }
    let lengths = headers.values(for: "Content-Length")
    guard let first = lengths.first else { return .untilClose }
    guard let length = HeadScanner.contentLength(first), lengths.allSatisfy({ $0 == first }) else {
      throw .badResponse("parse headers", "invalid Content-Length '\(first)'")
    }
    return .length(length)
  }
}
