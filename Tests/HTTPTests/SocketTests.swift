import Glibc
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct SocketTests {
  @Test func bindsPortZeroAndReportsTheRealPort() throws {
    let socket = try Socket.listen(on: try #require(SocketAddress(host: "127.0.0.1", port: 0)))
    defer { socket.close() }
    let address = try socket.localAddress()
    #expect(address.port != 0)
    #expect(try socket.accept() == nil)
  }

  @Test func aBusyPortIsAnErrorWithErrnoText() throws {
    let first = try Socket.listen(on: try #require(SocketAddress(host: "127.0.0.1", port: 0)))
    defer { first.close() }
    let taken = try first.localAddress()
    let error = #expect(throws: HTTPError.self) { try Socket.listen(on: taken) }
    #expect(error?.errno == EADDRINUSE)
    #expect(error?.description == "bind \(taken): Address already in use")
  }
}
