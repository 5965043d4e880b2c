import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPResponseHeadTests {
  private func parse(_ text: String) throws(HTTPError) -> (HTTPResponseHead, consumed: Int)? {
    let bytes = Array(text.utf8)
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(HTTPError) in try HTTPResponseHead.parse(raw) }
    }
    return try result.get()
  }

  @Test func parsesStatusReasonAndOrderedHeaders() throws {
    let text = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nX-B: 2\r\n\r\nbody"
    let (head, consumed) = try #require(try parse(text))
    #expect(head.status == 503)
    #expect(head.reason == "Service Unavailable")
    #expect(head.headers.fields.map(\.name) == ["Content-Type", "X-B"])
    #expect(consumed == text.utf8.count - 4)
  }

  @Test func acceptsAnEmptyReason() throws {
    let (head, _) = try #require(try parse("HTTP/1.0 200\r\n\r\n"))
    #expect(head.status == 200 && head.reason == "" && head.minorVersion == 0)
  }

  @Test(arguments: [
    "HTTP/1.1 OK 200\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/2 200 OK\r\n\r\n", "<html>\r\n\r\n",
    "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n",
  ])
  func rejectsMalformedHeads(_ text: String) {
    let error = #expect(throws: HTTPError.self) { try parse(text) }
    #expect(error?.kind == .badResponse)
  }

  @Test func waitsForTheEndOfTheHead() throws {
    #expect(try parse("HTTP/1.1 200 OK\r\nContent-Le") == nil)
  }

  @Test func choosesTheBodyFraming() throws {
    func framing(_ text: String, method: String = "GET") throws -> HTTPResponseHead.Framing {
      try #require(try parse(text)).0.framing(method: method)
    }
    #expect(try framing("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n") == .length(5))
    #expect(try framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") == .chunked)
    #expect(try framing("HTTP/1.0 200 OK\r\n\r\n") == .untilClose)
    #expect(try framing("HTTP/1.1 204 No Content\r\n\r\n") == .none)
    #expect(try framing("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", method: "HEAD") == .none)
    #expect(throws: HTTPError.self) { try framing("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n") }
  }

  @Test func neverTrapsOnMutatedInput() {
    var generator = SplitMix64(seed: 42)
    let valid = Array("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nX: y\r\n\r\nabc".utf8)
    for _ in 0..<5000 {
      var input = valid
      for _ in 0..<Int(generator.next() % 5) {
        let index = Int(generator.next() % UInt64(input.count))
        input[index] = UInt8(truncatingIfNeeded: generator.next())
      }
      let result = input.withUnsafeBytes { raw in
        Result { () throws(HTTPError) in try HTTPResponseHead.parse(raw) }
      }
      if case .success(let (head, consumed)?) = result {
        #expect(consumed <= input.count)
        _ = try? head.framing(method: "GET")
      }
    }
  }
}
