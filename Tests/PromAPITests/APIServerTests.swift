import Foundation
import Glibc
import HTTP
import PromAPI
import Testing

/// The API on a real loopback socket: routing, methods, gzip, timeouts, concurrency.
@Suite(.timeLimit(.minutes(1))) struct APIServerTests {
  /// A running server on 127.0.0.1 with a kernel-chosen port.
  final class Running: Sendable {
    let server: APIServer
    let port: UInt16

    init(_ configure: (inout PrometheusAPI.Configuration) -> Void = { _ in }) throws {
      server = try APIServer(api: try Fixture.api(rules: true, configure: configure))
      let address = try #require(SocketAddress(host: "127.0.0.1", port: 0))
      port = try server.start(address).port
    }

    /// Sends `raw` (a whole request) and reads the answer until the server closes.
    func exchange(_ raw: String) throws -> (status: Int, headers: String, body: [UInt8]) {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      #expect(fd >= 0)
      defer { close(fd) }
      var timeout = timeval(tv_sec: 20, tv_usec: 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      try #require(connected == 0)
      let bytes = Array(raw.utf8)
      _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      var received: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        received += buffer[0..<n]
      }
      let separator = Array("\r\n\r\n".utf8)
      guard
        let end = (0..<max(0, received.count - 3)).first(where: { Array(received[$0..<$0 + 4]) == separator })
      else { return (0, "", []) }
      let head = String(decoding: received[0..<end], as: UTF8.self)
      let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
      return (status, head, Array(received[(end + 4)...]))
    }

    func get(_ target: String, headers: String = "") throws -> (status: Int, headers: String, body: [UInt8]) {
      try exchange("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\(headers)\r\n")
    }

    func post(_ target: String, form: String) throws -> (status: Int, headers: String, body: [UInt8]) {
      try exchange(
        "POST \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)"
      )
    }

    func stop() async { await server.stop() }
  }

  @Test func queriesAnswerOverASocketByGETAndPOST() async throws {
    let running = try Running()
    let got = try running.get("/api/v1/query?query=up&time=\(Fixture.at(60))")
    #expect(got.status == 200)
    #expect(got.headers.contains("Content-Type: application/json"))
    #expect(Fixture.json(got.body)["status"] as? String == "success")
    let posted = try running.post(
      "/api/v1/query_range",
      form: "query=rate(ray_requests_total%5B1m%5D)&start=\(Fixture.at(60))&end=\(Fixture.at(120))&step=30")
    #expect(posted.status == 200)
    #expect(String(decoding: posted.body, as: UTF8.self).contains(#""resultType":"matrix""#))
    await running.stop()
  }

  @Test func routingErrorsAndGzipGoOverTheWire() async throws {
    let running = try Running()
    #expect(try running.post("/api/v1/rules", form: "").status == 405)
    #expect(try running.get("/api/v2/query").status == 404)
    #expect(try running.get("/-/healthy").status == 200)
    let zipped = try running.get("/api/v1/labels", headers: "Accept-Encoding: gzip\r\n")
    #expect(zipped.headers.contains("Content-Encoding: gzip"))
    let plain = try Gzip.decompress(zipped.body)
    #expect(Fixture.json(plain)["status"] as? String == "success")
    await running.stop()
  }

  @Test func aQueryPastItsTimeoutGets503AndServingGoesOn() async throws {
    let running = try Running { $0.queryTimeout = .milliseconds(50) }
    // About 860,000 subquery steps: far longer than 50 ms.
    let slow = try running.get(
      "/api/v1/query?query=count_over_time(ray_tasks%5B100d:10s%5D)&time=\(Fixture.at(60))")
    #expect(slow.status == 503)
    #expect(Fixture.json(slow.body)["errorType"] as? String == "timeout")
    #expect(Fixture.json(slow.body)["error"] as? String == "query timed out in expression evaluation")
    #expect(try running.get("/api/v1/query?query=1&time=1").status == 200)
    await running.stop()
  }

  @Test func malformedRequestsGetErrorsAndOthersAreStillServed() async throws {
    let running = try Running()
    #expect(try running.exchange("BLAH\r\n\r\n").status == 400)
    // A client that sends half a request and stalls does not hold up the others.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = running.port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    _ = "GET /api/v1/query?query=up HTTP/1.1\r\nHo".withCString { send(fd, $0, strlen($0), 0) }
    #expect(try running.get("/api/v1/query?query=up&time=\(Fixture.at(60))").status == 200)
    close(fd)
    await running.stop()
  }

  @Test func oversizedRequestsAreRefusedAndServingGoesOn() async throws {
    let running = try Running()
    let long = String(repeating: "a", count: 300 * 1024)
    #expect(try running.get("/api/v1/query?query=\(long)").status == 414)
    // A body announced beyond the limit is refused before it is read.
    let big = try running.exchange(
      "POST /api/v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: \(9 * 1024 * 1024)\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n\r\nquery=1")
    #expect(big.status == 413)
    #expect(try running.get("/api/v1/query?query=1&time=1").status == 200)
    await running.stop()
  }

  @Test func concurrentClientsAreAllAnswered() async throws {
    let running = try Running { $0.maxConcurrency = 2 }
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<16 {
        group.addTask {
          try running.get(
            "/api/v1/query_range?query=sum(ray_tasks)&start=\(Fixture.at(0))&end=\(Fixture.at(120))&step=\(index + 1)"
          )
          .status
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(statuses == Array(repeating: 200, count: 16))
    await running.stop()
  }
}
