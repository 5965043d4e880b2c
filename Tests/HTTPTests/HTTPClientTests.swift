import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPClientTests {
  let client: HTTPClient

  init() throws { client = try HTTPClient() }

  private func request(_ port: UInt16, timeoutMillis: Int = 3000) -> HTTPClientRequest {
    HTTPClientRequest(
      url: HTTPURL(host: "127.0.0.1", port: port, target: "/metrics"),
      timeout: .milliseconds(timeoutMillis))
  }

  @Test func readsAContentLengthBodyAndSendsPrometheusHeaders() async throws {
    let seen = Mutex<HTTPRequest?>(nil)
    let (server, port) = try startServer { request, _ in
      seen.withLock { $0 = request }
      return .response(
        HTTPResponse(
          status: 200, headers: ["Content-Type": "text/plain; version=0.0.4"], body: Array("up 1\n".utf8)))
    }
    let result = await client.scrape(request(port, timeoutMillis: 2500))
    await server.stop()
    await client.shutdown()
    let response = try result.outcome.get()
    #expect(response.status == 200)
    #expect(response.reason == "OK")
    #expect(response.body == Array("up 1\n".utf8))
    #expect(response.contentType == "text/plain; version=0.0.4")
    #expect(!response.wasGzip)
    #expect(response.startUnixMillis > 1_600_000_000_000)
    let sent = try #require(seen.withLock { $0 })
    #expect(sent.target == "/metrics")
    #expect(sent.headers["Accept"] == HTTPClientRequest.prometheusAccept)
    #expect(sent.headers["Accept-Encoding"] == "gzip")
    #expect(sent.headers["X-Prometheus-Scrape-Timeout-Seconds"] == "2.5")
    #expect(sent.headers["User-Agent"]?.hasPrefix("rayrec/") == true)
    #expect(sent.headers["Host"] == "127.0.0.1:\(port)")
    #expect(sent.headers["Connection"] == nil)
  }

  @Test func acceptCanBeOverridden() async throws {
    let seen = Mutex<String?>(nil)
    let (server, port) = try startServer { request, _ in
      seen.withLock { $0 = request.headers["Accept"] }
      return .response(.text("ok"))
    }
    var plain = request(port)
    plain.accept = "text/plain;version=0.0.4"
    _ = await client.scrape(plain)
    await server.stop()
    await client.shutdown()
    #expect(seen.withLock { $0 } == "text/plain;version=0.0.4")
  }

  @Test func postsABodyLargerThanOneSocketWrite() async throws {
    let seen = Mutex<HTTPRequest?>(nil)
    var configuration = HTTPServer.Configuration()
    configuration.maxBodyBytes = 8 << 20
    let (server, port) = try startServer(configuration: configuration) { request, _ in
      seen.withLock { $0 = request }
      return .response(HTTPResponse(status: 204))
    }
    var post = request(port)
    post.method = "POST"
    post.sendsScrapeHeaders = false
    post.body = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let result = await client.scrape(post)
    await server.stop()
    await client.shutdown()
    #expect(try result.outcome.get().status == 204)
    let sent = try #require(seen.withLock { $0 })
    #expect(sent.method == "POST")
    #expect(sent.body == post.body)
    #expect(sent.headers["Accept"] == nil)
    #expect(sent.headers["X-Prometheus-Scrape-Timeout-Seconds"] == nil)
  }

  @Test func decodesAChunkedBody() async throws {
    let raw = try RawServer([
      .text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"),
      .text("5\r\nhello\r\n"), .sleep(milliseconds: 20),
      .text("7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n"),
    ])
    let response = try await client.send(request(raw.port))
    await client.shutdown()
    #expect(response.body == Array("hello, world".utf8))
    #expect(response.headers["Transfer-Encoding"] == "chunked")
  }

  @Test func readsAnHTTP10BodyUntilClose() async throws {
    let raw = try RawServer([
      .text("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nup 1\n"), .text("up 2\n"),
    ])
    let response = try await client.send(request(raw.port))
    await client.shutdown()
    #expect(response.minorVersion == 0)
    #expect(response.body == Array("up 1\nup 2\n".utf8))
  }

  @Test func decodesAGzipBody() async throws {
    let body = Array(String(repeating: "metric_total 42\n", count: 500).utf8)
    let (server, port) = try startServer { request, _ in
      #expect(request.headers["Accept-Encoding"] == "gzip")
      return .response(
        HTTPResponse(headers: ["Content-Encoding": "gzip"], body: Gzip.compress(body)))
    }
    let response = try await client.send(request(port))
    await server.stop()
    await client.shutdown()
    #expect(response.wasGzip)
    #expect(response.body == body)
    #expect(response.headers["Content-Encoding"] == "gzip")
  }

  @Test func reportsARefusedConnection() async throws {
    let socket = try Socket.listen(on: try #require(SocketAddress(host: "127.0.0.1", port: 0)))
    let port = try socket.localAddress().port
    socket.close()
    let result = await client.scrape(request(port))
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .connectionRefused)
    #expect(error.description.contains("Connection refused"))
  }

  @Test func timesOutWhenTheServerNeverAnswers() async throws {
    let raw = try RawServer([.sleep(milliseconds: 1500)])
    let result = await client.scrape(request(raw.port, timeoutMillis: 200))
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .readTimeout)
    #expect(error.partial == nil)
  }

  @Test func keepsTheBytesReadBeforeAReset() async throws {
    let body = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
    let (server, port) = try startServer { _, _ in
      .resetAfter(HTTPResponse(body: body), bodyBytes: 1000)
    }
    let result = await client.scrape(request(port))
    await server.stop()
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .connectionReset)
    let partial = try #require(error.partial)
    #expect(partial.status == 200)
    #expect(partial.body == Array(body[0..<1000]))
  }

  @Test func reportsAConnectionClosedMidBody() async throws {
    let raw = try RawServer([.text("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")])
    let result = await client.scrape(request(raw.port))
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .closedEarly)
    #expect(error.partial?.body == Array("only this".utf8))
  }

  @Test func refusesAnOversizedBody() async throws {
    let (server, port) = try startServer { _, _ in
      .response(HTTPResponse(body: [UInt8](repeating: 0x41, count: 10_000)))
    }
    var small = request(port)
    small.maxBodyBytes = 1000
    let result = await client.scrape(small)
    await server.stop()
    await client.shutdown()
    #expect(result.error?.kind == .bodyTooLarge)
  }

  @Test func refusesAnOversizedChunkedBody() async throws {
    let raw = try RawServer([
      .text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"),
      .send([UInt8](repeating: 0x41, count: 1024)), .text("\r\n0\r\n\r\n"),
    ])
    var small = request(raw.port)
    small.maxBodyBytes = 1000
    let result = await client.scrape(small)
    await client.shutdown()
    #expect(result.error?.kind == .bodyTooLarge)
  }

  @Test func refusesARedirectButKeepsTheResponse() async throws {
    let (server, port) = try startServer { _, _ in
      .response(HTTPResponse(status: 302, headers: ["Location": "/elsewhere"], body: Array("moved".utf8)))
    }
    let result = await client.scrape(request(port))
    await server.stop()
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .redirect)
    #expect(error.message.contains("/elsewhere"))
    #expect(error.partial?.status == 302)
    #expect(error.partial?.body == Array("moved".utf8))
  }

  @Test func rejectsAMalformedStatusLine() async throws {
    let raw = try RawServer([.text("HTTP/1.1 OK 200\r\nContent-Length: 0\r\n\r\n")])
    let result = await client.scrape(request(raw.port))
    await client.shutdown()
    let error = try #require(result.error)
    #expect(error.kind == .badResponse)
    #expect(error.message.contains("malformed status line"))
  }

  @Test func rejectsANonHTTPResponse() async throws {
    let raw = try RawServer([.text("SSH-2.0-OpenSSH_9.2\r\n")])
    let result = await client.scrape(request(raw.port))
    await client.shutdown()
    #expect(result.error?.kind == .badResponse)
  }

  @Test func scrapesManyTargetsConcurrently() async throws {
    let (server, port) = try startServer { request, _ in .response(.text(request.target)) }
    let results = await withTaskGroup(of: ScrapeResult.self) { group in
      for index in 0..<200 {
        let url = HTTPURL(host: "127.0.0.1", port: port, target: "/t\(index)")
        group.addTask { await client.scrape(HTTPClientRequest(url: url, timeout: .seconds(5))) }
      }
      var all: [ScrapeResult] = []
      for await result in group { all.append(result) }
      return all
    }
    await server.stop()
    await client.shutdown()
    #expect(results.count == 200)
    #expect(results.allSatisfy { $0.response?.status == 200 })
  }

  @Test func resolvesLocalhost() async throws {
    let (server, port) = try startServer { _, _ in .response(.text("ok")) }
    let response = try await client.send(
      HTTPClientRequest(url: try HTTPURL(parsing: "http://localhost:\(port)/metrics")))
    await server.stop()
    await client.shutdown()
    #expect(response.body == Array("ok".utf8))
  }

  @Test func timesOutAConnectionThatIsNeverAccepted() async throws {
    // A listener with a full backlog drops further SYNs, so connect() never completes.
    let listener = try Socket.listen(on: try #require(SocketAddress(host: "127.0.0.1", port: 0)), backlog: 0)
    defer { listener.close() }
    let address = try listener.localAddress()
    var fillers: [Socket] = []
    defer { for filler in fillers { filler.close() } }
    for _ in 0..<4 {
      let filler = try Socket.tcp()
      fillers.append(filler)
      _ = try? filler.connect(to: address)
    }
    var request = request(address.port, timeoutMillis: 2000)
    request.connectTimeout = .milliseconds(200)
    let result = await client.scrape(request)
    await client.shutdown()
    #expect(result.error?.kind == .connectTimeout)
    #expect(result.error?.message == "no connection within 0.2s")
  }

  @Test func cancellingTheTaskEndsTheScrape() async throws {
    let (server, port) = try startServer { _, _ in .deferred }
    let client = client
    let task = Task { await client.scrape(request(port, timeoutMillis: 5000)) }
    try await Task.sleep(for: .milliseconds(50))
    task.cancel()
    let result = await task.value
    await server.stop()
    await client.shutdown()
    #expect(result.error?.kind == .cancelled)
  }
}
