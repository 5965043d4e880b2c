import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPHeadersTests {
  @Test func looksUpNamesCaseInsensitivelyAndKeepsOrder() {
    var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-Multi": "a"]
    headers.append(name: "x-multi", value: "b")
    #expect(headers["content-type"] == "text/plain")
    #expect(headers.values(for: "X-MULTI") == ["a", "b"])
    headers.remove(name: "X-Multi")
    #expect(headers.count == 1)
    #expect(headers.fields.map(\.name) == ["Content-Type"])
  }

  @Test func findsCommaSeparatedTokens() {
    let headers: HTTPHeaders = ["Connection": "Upgrade,  Keep-Alive "]
    #expect(headers.containsToken("keep-alive", in: "connection"))
    #expect(!headers.containsToken("close", in: "connection"))
  }
}
