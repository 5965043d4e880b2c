import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPRequestParserTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var input: String
    /// Expected status of a rejection, or nil when a request must parse.
    var status: Int?
    var testDescription: String { name }
  }

  private static func parse(_ text: String, limits: HTTPRequestParser.Limits = .init())
    throws(HTTPRequestParser.Failure) -> HTTPRequestParser.Result
  {
    let bytes = Array(text.utf8)
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(HTTPRequestParser.Failure) in try HTTPRequestParser(limits: limits).parse(raw) }
    }
    return try result.get()
  }

  static let rejections: [Case] = [
    Case(name: "no spaces", input: "GARBAGE\r\n\r\n", status: 400),
    Case(name: "missing version", input: "GET /\r\nHost: x\r\n\r\n", status: 400),
    Case(name: "bad version", input: "GET / HTTX/1.1\r\nHost: x\r\n\r\n", status: 400),
    Case(name: "HTTP/2", input: "GET / HTTP/2.0\r\nHost: x\r\n\r\n", status: 505),
    Case(name: "space in method", input: "G T / HTTP/1.1\r\nHost: x\r\n\r\n", status: 400),
    Case(name: "double space", input: "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", status: 400),
    Case(name: "missing Host in 1.1", input: "GET / HTTP/1.1\r\n\r\n", status: 400),
    Case(name: "two Hosts", input: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
    Case(name: "space before colon", input: "GET / HTTP/1.1\r\nHost : x\r\n\r\n", status: 400),
    Case(name: "no colon", input: "GET / HTTP/1.1\r\nHost x\r\n\r\n", status: 400),
    Case(name: "obs-fold", input: "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", status: 400),
    Case(
      name: "CL and TE",
      input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
      status: 400),
    Case(name: "bad CL", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", status: 400),
    Case(
      name: "conflicting CLs",
      input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      status: 400),
    Case(
      name: "TE not chunked", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
      status: 400),
    Case(
      name: "body too large", input: "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
      status: 413),
    Case(
      name: "bad chunk size", input: "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      status: 400),
    Case(name: "control char in value", input: "GET / HTTP/1.1\r\nHost: x\u{1}y\r\n\r\n", status: 400),
  ]

  @Test(arguments: rejections)
  func rejectsMalformedRequestsWithTheRightStatus(_ example: Case) {
    #expect(throws: HTTPRequestParser.Failure.self) { try Self.parse(example.input) }
    do {
      _ = try Self.parse(example.input)
    } catch {
      #expect(error.status == example.status, "\(error)")
    }
  }

  static let incomplete: [String] = [
    "",
    "\r\n",
    "GET / HTT",
    "GET / HTTP/1.1\r\nHost: x\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\n\r",
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabc",
    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
  ]

  @Test(arguments: incomplete)
  func waitsForMoreBytesOnAPartialRequest(_ input: String) throws {
    #expect(try Self.parse(input) == .needMore)
  }

  @Test func parsesARequestWithOrderedHeadersAndReportsBytesUsed() throws {
    let text = "GET /metrics?x=1 HTTP/1.1\r\nHost: a:9\r\nAccept: */*\r\nX-A:  1 \r\n\r\nGET /next"
    guard case .request(let request, let consumed) = try Self.parse(text) else {
      Issue.record("no request")
      return
    }
    #expect(request.method == "GET")
    #expect(request.target == "/metrics?x=1")
    #expect(request.path == "/metrics")
    #expect(request.query == "x=1")
    #expect(request.minorVersion == 1)
    #expect(request.headers.fields.map(\.name) == ["Host", "Accept", "X-A"])
    #expect(request.headers["x-a"] == "1")
    #expect(consumed == text.utf8.count - "GET /next".utf8.count)
    #expect(request.keepAlive)
  }

  @Test func acceptsBareLineFeedsAndLeadingEmptyLines() throws {
    guard case .request(let request, _) = try Self.parse("\r\nGET / HTTP/1.0\nX: y\n\n") else {
      Issue.record("no request")
      return
    }
    #expect(request.minorVersion == 0)
    #expect(!request.keepAlive)
    #expect(request.headers["X"] == "y")
  }

  @Test func decodesRequestBodies() throws {
    let chunked =
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    guard case .request(let request, let consumed) = try Self.parse(chunked) else {
      Issue.record("no request")
      return
    }
    #expect(request.body == Array("abcde".utf8))
    #expect(consumed == chunked.utf8.count)
    guard
      case .request(let fixed, _) = try Self.parse("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
    else {
      Issue.record("no request")
      return
    }
    #expect(fixed.body == Array("hi".utf8))
  }

  @Test func enforcesTheConfiguredLimits() {
    var limits = HTTPRequestParser.Limits()
    limits.requestLine = 32
    limits.headBytes = 64
    let longLine = "GET /" + String(repeating: "a", count: 40)
    #expect(throws: HTTPRequestParser.Failure(status: 414, message: "request line too long")) {
      try Self.parse(longLine, limits: limits)
    }
    let bigHead = "GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "b", count: 80) + "\r\n\r\n"
    #expect(throws: HTTPRequestParser.Failure(status: 431, message: "header section too large")) {
      try Self.parse(bigHead, limits: limits)
    }
  }

  @Test func connectionTokensDecideKeepAlive() throws {
    guard
      case .request(let closing, _) = try Self.parse(
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, Close\r\n\r\n"),
      case .request(let kept, _) = try Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
    else {
      Issue.record("no request")
      return
    }
    #expect(!closing.keepAlive)
    #expect(kept.keepAlive)
  }

  @Test func neverTrapsOnMutatedOrRandomInput() {
    var generator = SplitMix64(seed: 0x5eed)
    let valid = Array(
      "POST /a?b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".utf8)
    let alphabet = Array("\r\n :;0123456789abcdefHTP/.GETchunked-\t\u{0}\u{7f}".utf8) + [0xff]
    var parsed = 0
    for _ in 0..<5000 {
      var input = valid
      for _ in 0..<Int(generator.next() % 6) {
        let index = Int(generator.next() % UInt64(input.count))
        let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
        switch generator.next() % 3 {
        case 0: input[index] = byte
        case 1: input.insert(byte, at: index)
        default: if input.count > 1 { input.remove(at: index) }
        }
      }
      let result = input.withUnsafeBytes { raw in
        Result { () throws(HTTPRequestParser.Failure) in try HTTPRequestParser().parse(raw) }
      }
      if case .success(.request(_, let consumed)) = result {
        #expect(consumed <= input.count)
        parsed += 1
      }
    }
    #expect(parsed > 0)
  }
}

/// A tiny deterministic generator, so a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
