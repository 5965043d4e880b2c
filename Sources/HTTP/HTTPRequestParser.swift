/// Parses one request (head and body) from the start of a connection's buffer.
///
/// The parser is stateless: it is called again with more bytes until the request is complete,
/// and reports how many bytes the request used so that pipelined requests stay in the buffer.
struct HTTPRequestParser: Sendable {
  /// Size limits; exceeding one yields the matching status.
  struct Limits: Sendable, Equatable {
    /// Longest request line (414 beyond it).
    var requestLine = 8 * 1024
    /// Largest head: request line plus header fields (431 beyond it).
    var headBytes = 64 * 1024
    /// Largest request body (413 beyond it).
    var bodyBytes = 1024 * 1024
  }

  /// A request the server must reject, with the status to answer.
  struct Failure: Error, Equatable, CustomStringConvertible {
    var status: Int
    var message: String
    var description: String { "\(status): \(message)" }
  }

  /// The outcome of one parse attempt.
  enum Result: Equatable {
    /// The request is not complete yet.
    case needMore
    /// A complete request and the number of bytes it used.
    case request(HTTPRequest, consumed: Int)
  }

  var limits = Limits()

  /// Parses the request at the start of `bytes`.
  func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Result {
    var start = 0
    // RFC 9112 §2.2: ignore empty lines before the request line.
    while start < bytes.count, bytes[start] == 0x0d || bytes[start] == 0x0a { start += 1 }
    if start == bytes.count { return .needMore }
    guard let requestLine = HeadScanner.line(in: bytes, from: start) else {
      if bytes.count - start > limits.requestLine {
        throw Failure(status: 414, message: "request line too long")
      }
      return .needMore
    }
    guard requestLine.end - requestLine.start <= limits.requestLine else {
      throw Failure(status: 414, message: "request line too long")
    }
    var request = try parseRequestLine(bytes, requestLine)
    var position = requestLine.next
    while true {
      guard let line = HeadScanner.line(in: bytes, from: position) else {
        if bytes.count - start > limits.headBytes {
          throw Failure(status: 431, message: "header section too large")
        }
        return .needMore
      }
      guard line.next - start <= limits.headBytes else {
        throw Failure(status: 431, message: "header section too large")
      }
      position = line.next
      if line.start == line.end { break }
      if bytes[line.start] == 0x20 || bytes[line.start] == 0x09 {
        throw Failure(status: 400, message: "obsolete line folding")
      }
      guard let field = HeadScanner.field(in: bytes, line) else {
        throw Failure(status: 400, message: "malformed header field")
      }
      request.headers.append(name: field.name, value: field.value)
    }
    let hosts = request.headers.values(for: "Host")
    if hosts.count > 1 || request.minorVersion >= 1 && hosts.isEmpty {
      throw Failure(status: 400, message: hosts.isEmpty ? "missing Host" : "several Host fields")
    }
    return try parseBody(bytes, headEnd: position, request: &request)
  }

  private func parseRequestLine(
    _ bytes: UnsafeRawBufferPointer, _ line: HeadScanner.Line
  ) throws(Failure) -> HTTPRequest {
    var methodEnd = line.start
    while methodEnd < line.end, HeadScanner.isTokenByte(bytes[methodEnd]) { methodEnd += 1 }
    guard methodEnd > line.start, methodEnd < line.end, bytes[methodEnd] == 0x20 else {
      throw Failure(status: 400, message: "malformed request line")
    }
    let targetStart = methodEnd + 1
    var targetEnd = targetStart
    while targetEnd < line.end, bytes[targetEnd] > 0x20, bytes[targetEnd] != 0x7f { targetEnd += 1 }
    guard targetEnd > targetStart, targetEnd < line.end, bytes[targetEnd] == 0x20 else {
      throw Failure(status: 400, message: "malformed request target")
    }
    let version = UnsafeRawBufferPointer(rebasing: bytes[(targetEnd + 1)..<line.end])
    guard version.count == 8, version.starts(with: "HTTP/".utf8), version[6] == UInt8(ascii: "."),
      version[5] >= 0x30, version[5] <= 0x39, version[7] >= 0x30, version[7] <= 0x39
    else {
      throw Failure(status: 400, message: "malformed HTTP version")
    }
    guard version[5] == UInt8(ascii: "1") else {
      throw Failure(status: 505, message: "HTTP version not supported")
    }
    let method = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[line.start..<methodEnd]), as: UTF8.self)
    let target = String(
      decoding: UnsafeRawBufferPointer(rebasing: bytes[targetStart..<targetEnd]), as: UTF8.self)
    return HTTPRequest(method: method, target: target, minorVersion: Int(version[7] - 0x30))
  }

  private func parseBody(
    _ bytes: UnsafeRawBufferPointer, headEnd: Int, request: inout HTTPRequest
  ) throws(Failure) -> Result {
    let encodings = request.headers.values(for: "Transfer-Encoding")
    let lengths = request.headers.values(for: "Content-Length")
    if !encodings.isEmpty {
      guard lengths.isEmpty else {
        throw Failure(status: 400, message: "both Content-Length and Transfer-Encoding")
      }
      let last = encodings.last?.split(separator: ",").last?.trimmingSpaces ?? ""
      guard asciiCaseInsensitiveEqual(last, "chunked"), request.minorVersion >= 1 else {
        throw Failure(status: 400, message: "unsupported Transfer-Encoding")
      }
      var decoder = ChunkedDecoder()
      var body: [UInt8] = []
      let rest = UnsafeRawBufferPointer(rebasing: bytes[headEnd...])
      let used: Int
      do {
        used = try decoder.decode(rest, into: &body, limit: limits.bodyBytes)
      } catch {
        throw Failure(status: error.isTooLarge ? 413 : 400, message: error.message)
      }
      guard decoder.isComplete else { return .needMore }
      request.body = body
      return .request(request, consumed: headEnd + used)
    }
    guard let first = lengths.first else { return .request(request, consumed: headEnd) }
    guard let length = HeadScanner.contentLength(first), lengths.allSatisfy({ $0 == first }) else {
      throw Failure(status: 400, message: "invalid Content-Length")
    }
    guard length <= limits.bodyBytes else { throw Failure(status: 413, message: "request body too large") }
    guard bytes.count - headEnd >= length else { return .needMore }
    request.body = Array(UnsafeRawBufferPointer(rebasing: bytes[headEnd..<(headEnd + length)]))
    return .request(request, consumed: headEnd + length)
  }
}

extension Substring {
  /// The substring without leading and trailing spaces and tabs.
  var trimmingSpaces: Substring {
    var result = self
    while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
    while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
    return result
  }
}
