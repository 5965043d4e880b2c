import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPResponseTests {
  private func head(_ response: HTTPResponse, keepAlive: Bool = true, minorVersion: Int = 1) -> String {
    var bytes: [UInt8] = []
    response.writeHead(into: &bytes, keepAlive: keepAlive, minorVersion: minorVersion)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func writesTheHeadWithItsOwnFraming() {
    let response = HTTPResponse(
      status: 200,
      headers: ["Content-Type": "text/plain", "Content-Length": "999", "Connection": "x", "X-A": "1"],
      body: Array("hello".utf8))
    #expect(
      head(response) == """
        HTTP/1.1 200 OK\r
        Content-Type: text/plain\r
        X-A: 1\r
        Content-Length: 5\r
        \r

        """)
    #expect(head(response, keepAlive: false).hasSuffix("Content-Length: 5\r\nConnection: close\r\n\r\n"))
    #expect(head(response, minorVersion: 0).hasSuffix("Connection: keep-alive\r\n\r\n"))
  }

  @Test func preparedHeadMatchesTheKeepAliveHead() {
    let response = HTTPResponse(status: 404, body: Array("nope".utf8))
    let prepared = response.prepared()
    #expect(prepared.preparedHead.map { String(decoding: $0, as: UTF8.self) } == head(response))
    var changed = prepared
    changed.body = []
    #expect(changed.preparedHead == nil)
  }

  @Test func noContentHasNoLength() {
    #expect(head(HTTPResponse(status: 204)) == "HTTP/1.1 204 No Content\r\n\r\n")
  }

  @Test func writesDecimalsExactly() {
    for value in [0, 7, 10, 99, 227_851, Int(Int32.max)] {
      var bytes: [UInt8] = []
      appendDecimal(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
  }
}
