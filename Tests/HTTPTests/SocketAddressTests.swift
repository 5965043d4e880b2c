import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct SocketAddressTests {
  @Test func parsesDottedQuadsAndLocalhost() throws {
    let address = try #require(SocketAddress(host: "127.0.0.2", port: 8080))
    #expect(address.description == "127.0.0.2:8080")
    #expect(SocketAddress(host: "localhost", port: 1)?.host == "127.0.0.1")
    #expect(SocketAddress(host: "example", port: 1) == nil)
    #expect(SocketAddress(host: "256.0.0.1", port: 1) == nil)
    #expect(SocketAddress(address.sockaddr) == address)
  }

  @Test func reportsAnUnresolvableName() {
    let error = #expect(throws: HTTPError.self) {
      try SocketAddress.resolve(host: "no-such-host.invalid", port: 80)
    }
    #expect(error?.kind == .badURL)
  }
}
