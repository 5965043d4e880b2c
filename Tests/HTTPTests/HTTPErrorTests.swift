import Glibc
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPErrorTests {
  @Test(arguments: [
    (ECONNREFUSED, HTTPError.Kind.connectionRefused), (ECONNRESET, .connectionReset),
    (EPIPE, .connectionReset),
    (ETIMEDOUT, .connectTimeout), (EMFILE, .system),
  ])
  func classifiesErrnoValues(_ code: Int32, _ kind: HTTPError.Kind) {
    let error = HTTPError.system("connect 127.0.0.1:9", errno: code)
    #expect(error.kind == kind)
    #expect(error.errno == code)
    #expect(error.description == "connect 127.0.0.1:9: \(String(cString: strerror(code)))")
  }

  @Test func mentionsHowManyBodyBytesArrived() {
    let error = HTTPError(
      kind: .closedEarly, operation: "read response from 127.0.0.1:1", message: "connection closed",
      partial: HTTPClientResponse(status: 200, reason: "OK", body: [1, 2, 3]))
    #expect(error.description == "read response from 127.0.0.1:1: connection closed (after 3 body bytes)")
  }
}
