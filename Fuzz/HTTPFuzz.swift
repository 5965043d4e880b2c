// libFuzzer entry point for the server's request parser. Compiled into the HTTP module by
// scripts/fuzz http (not part of the SwiftPM build).

private let tight = HTTPRequestParser.Limits(requestLine: 64, headBytes: 256, bodyBytes: 128)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  for limits in [HTTPRequestParser.Limits(), tight] {
    let parser = HTTPRequestParser(limits: limits)
    var offset = 0
    // Pipelined requests, one after another, as a connection reads them.
    while offset < size {
      let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
      guard case .request(let request, let consumed)? = try? parser.parse(rest) else { break }
      check(request, consumed: consumed, in: rest, limits: limits, parser: parser)
      offset += consumed
    }
  }
  return 0
}

/// What a parsed request must satisfy: within the limits, within the buffer, and the same when
/// the buffer holds exactly its bytes (the parser is called again as bytes arrive).
private func check(
  _ request: HTTPRequest, consumed: Int, in bytes: UnsafeRawBufferPointer, limits: HTTPRequestParser.Limits,
  parser: HTTPRequestParser
) {
  if consumed <= 0 || consumed > bytes.count { fatalError("consumed \(consumed) of \(bytes.count) bytes") }
  if request.body.count > limits.bodyBytes { fatalError("body of \(request.body.count) bytes accepted") }
  if request.body.count > consumed { fatalError("body longer than the request") }
  // Invalid UTF-8 decodes to one U+FFFD per byte: count scalars, not UTF-8 bytes.
  if request.target.unicodeScalars.count > limits.requestLine {
    fatalError("request line over the limit accepted")
  }
  if request.method.isEmpty || request.target.isEmpty { fatalError("empty method or target") }
  if !(0...9).contains(request.minorVersion) { fatalError("minor version \(request.minorVersion)") }
  _ = request.path
  _ = request.query
  _ = request.keepAlive
  let exact = UnsafeRawBufferPointer(rebasing: bytes[..<consumed])
  guard case .request(let again, let used)? = try? parser.parse(exact), used == consumed,
    again.method == request.method, again.target == request.target, again.body == request.body
  else { fatalError("the request's own bytes parse differently") }
  // One byte short, the request is not complete yet.
  let short = UnsafeRawBufferPointer(rebasing: bytes[..<(consumed - 1)])
  if case .request? = try? parser.parse(short) { fatalError("a request one byte short parses as complete") }
}
