import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPServerTests {
  private static func echo(_ request: HTTPRequest, _ context: HTTPRequestContext) -> HTTPReply {
    .response(.text("\(request.method) \(request.target)"))
  }

  @Test func servesSeveralRequestsOnOneKeepAliveConnection() async throws {
    let (server, port) = try startServer(Self.echo)
    let received = await offPool { () -> [UInt8] in
      guard let socket = BlockingSocket.connect(port: port) else { return [] }
      defer { socket.close() }
      var all: [UInt8] = []
      for index in 0..<3 {
        socket.write("GET /r\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
        all += socket.read(untilSeen: "GET /r\(index)")
      }
      socket.write("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      all += socket.readToEnd()
      return all
    }
    await server.stop()
    let text = String(decoding: received, as: UTF8.self)
    #expect(occurrences(of: Array("HTTP/1.1 200 OK".utf8), in: received) == 4)
    #expect(text.contains("GET /r0") && text.contains("GET /r2") && text.contains("GET /last"))
    #expect(occurrences(of: Array("Connection: close".utf8), in: received) == 1)
  }

  @Test func answersPipelinedRequestsInOrder() async throws {
    let (server, port) = try startServer(Self.echo)
    let received = await offPool { () -> [UInt8] in
      guard let socket = BlockingSocket.connect(port: port) else { return [] }
      defer { socket.close() }
      socket.write(
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      return socket.readToEnd()
    }
    await server.stop()
    let text = String(decoding: received, as: UTF8.self)
    let a = try #require(text.range(of: "GET /a"))
    let b = try #require(text.range(of: "GET /b"))
    let c = try #require(text.range(of: "GET /c"))
    #expect(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
  }

  @Test func http10ClosesUnlessKeepAliveIsAsked() async throws {
    let (server, port) = try startServer(Self.echo)
    let (plain, kept) = await offPool { () -> (String, String) in
      var first = ""
      if let socket = BlockingSocket.connect(port: port) {
        socket.write("GET /one HTTP/1.0\r\n\r\n")
        first = String(decoding: socket.readToEnd(), as: UTF8.self)
        socket.close()
      }
      var second = ""
      if let socket = BlockingSocket.connect(port: port) {
        socket.write("GET /two HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        second = String(decoding: socket.read(untilSeen: "GET /two"), as: UTF8.self)
        socket.close()
      }
      return (first, second)
    }
    await server.stop()
    #expect(plain.contains("Connection: close") && plain.hasSuffix("GET /one"))
    #expect(kept.contains("Connection: keep-alive"))
  }

  @Test func answersHeadWithHeadersOnly() async throws {
    let (server, port) = try startServer { _, _ in .response(HTTPResponse(body: Array("0123456789".utf8))) }
    let received = await offPool { () -> String in
      guard let socket = BlockingSocket.connect(port: port) else { return "" }
      defer { socket.close() }
      socket.write("HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
      return String(decoding: socket.readToEnd(), as: UTF8.self)
    }
    await server.stop()
    #expect(received.contains("Content-Length: 10\r\n"))
    #expect(received.hasSuffix("\r\n\r\n"))
  }

  private func rawExchange(_ port: UInt16, _ request: [UInt8]) async -> String {
    await offPool {
      guard let socket = BlockingSocket.connect(port: port) else { return "" }
      defer { socket.close() }
      socket.write(request)
      return String(decoding: socket.readToEnd(), as: UTF8.self)
    }
  }

  @Test func rejectsMalformedRequestsAndKeepsServing() async throws {
    let (server, port) = try startServer(Self.echo)
    let bad = await rawExchange(port, Array("GARBAGE\r\n\r\n".utf8))
    let both = await rawExchange(
      port,
      Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
    let good = await rawExchange(port, Array("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
    await server.stop()
    #expect(bad.hasPrefix("HTTP/1.1 400 "))
    #expect(bad.contains("Connection: close"))
    #expect(both.hasPrefix("HTTP/1.1 400 "))
    #expect(good.hasPrefix("HTTP/1.1 200 ") && good.hasSuffix("GET /ok"))
  }

  @Test func answers431ForHugeHeaders() async throws {
    var configuration = HTTPServer.Configuration()
    configuration.maxHeadBytes = 4096
    let (server, port) = try startServer(configuration: configuration, Self.echo)
    let huge = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 8000) + "\r\n\r\n"
    let answer = await rawExchange(port, Array(huge.utf8))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 431 "))
  }

  @Test func answers414ForALongRequestLine() async throws {
    let (server, port) = try startServer(Self.echo)
    let long = "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
    let answer = await rawExchange(port, Array(long.utf8))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 414 "))
  }

  @Test func answers408ForASlowRequest() async throws {
    var configuration = HTTPServer.Configuration()
    configuration.requestTimeout = .milliseconds(150)
    let (server, port) = try startServer(configuration: configuration, Self.echo)
    let answer = await rawExchange(port, Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8))
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 408 "))
  }

  @Test func closesIdleKeepAliveConnections() async throws {
    var configuration = HTTPServer.Configuration()
    configuration.idleTimeout = .milliseconds(150)
    let (server, port) = try startServer(configuration: configuration, Self.echo)
    let (answer, closed) = await offPool { () -> (String, Bool) in
      guard let socket = BlockingSocket.connect(port: port) else { return ("", false) }
      defer { socket.close() }
      socket.write("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n")
      let answer = String(decoding: socket.read(untilSeen: "GET /idle"), as: UTF8.self)
      return (answer, socket.waitForClose())
    }
    await server.stop()
    #expect(answer.hasPrefix("HTTP/1.1 200 ") && !answer.contains("Connection: close"))
    #expect(closed)
  }

  @Test func readsAndHandsOverRequestBodies() async throws {
    let (server, port) = try startServer { request, _ in .response(HTTPResponse(body: request.body)) }
    let answer = await rawExchange(
      port,
      Array(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
          .utf8))
    await server.stop()
    #expect(answer.hasSuffix("\r\n\r\nabc"))
  }

  @Test func aClosedListenerRefusesConnections() async throws {
    let (server, port) = try startServer(Self.echo)
    let client = try HTTPClient(loop: server.loop)
    let extra = try server.addListener(try #require(SocketAddress(host: "127.0.0.1", port: 0)))
    let url = HTTPURL(host: "127.0.0.1", port: extra.address.port, target: "/x")
    let before = await client.scrape(HTTPClientRequest(url: url, timeout: .seconds(3)))
    await server.removeListener(extra.id)
    let after = await client.scrape(HTTPClientRequest(url: url, timeout: .seconds(3)))
    let other = await client.scrape(
      HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port, target: "/y"), timeout: .seconds(3)))
    let listeners = await server.listeners()
    await server.stop()
    #expect(before.response?.body == Array("GET /x".utf8))
    #expect(after.error?.kind == .connectionRefused)
    #expect(other.response?.status == 200)
    #expect(listeners.map(\.address.port) == [port])
  }

  @Test func tellsTheHandlerWhichListenerWasHit() async throws {
    let (server, _) = try startServer { _, context in .response(.text("\(context.localAddress)")) }
    let client = try HTTPClient(loop: server.loop)
    let second = try server.addListener(try #require(SocketAddress(host: "127.0.0.1", port: 0)))
    let response = try await client.send(
      HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: second.address.port)))
    await server.stop()
    #expect(response.body == Array("127.0.0.1:\(second.address.port)".utf8))
  }

  @Test func answersADeferredRequestLater() async throws {
    let (server, port) = try startServer { request, context in
      let responder = context.responder()
      DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) {
        responder.respond(.response(.text("late \(request.target)")))
      }
      return .deferred
    }
    let client = try HTTPClient(loop: server.loop)
    let response = try await client.send(
      HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port, target: "/d"), timeout: .seconds(3)))
    await server.stop()
    #expect(response.body == Array("late /d".utf8))
  }

  @Test func aNeverAnsweredRequestTimesTheClientOut() async throws {
    let (server, port) = try startServer { _, _ in .deferred }
    let client = try HTTPClient(loop: server.loop)
    let result = await client.scrape(
      HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port), timeout: .milliseconds(150)))
    await server.stop()
    #expect(result.error?.kind == .readTimeout)
  }

  @Test func closesWithoutAnswerWhenAsked() async throws {
    let (server, port) = try startServer { _, _ in .close(reset: false) }
    let client = try HTTPClient(loop: server.loop)
    let result = await client.scrape(HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port)))
    await server.stop()
    #expect(result.error?.kind == .closedEarly)
  }

  @Test func servesAFileBackedPreparedBody() async throws {
    let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
    let prepared = HTTPResponse(headers: ["Content-Type": "text/plain"], body: body).prepared(
      fileBacked: true)
    let (server, port) = try startServer { _, _ in .response(prepared) }
    let client = try HTTPClient(loop: server.loop)
    let request = HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: port))
    let first = try await client.send(request)
    let second = try await client.send(request)
    await server.stop()
    #expect(first.body == body)
    #expect(second.body == body)
  }

  @Test func listensOnOtherLoopbackAddresses() async throws {
    let (server, _) = try startServer { _, context in .response(.text("\(context.localAddress.host)")) }
    let client = try HTTPClient(loop: server.loop)
    let other = try server.addListener(try #require(SocketAddress(host: "127.0.0.2", port: 0)))
    let response = try await client.send(
      HTTPClientRequest(url: HTTPURL(host: "127.0.0.2", port: other.address.port)))
    await server.stop()
    #expect(response.body == Array("127.0.0.2".utf8))
  }

  @Test func closesAConnectionThatNeverSendsARequest() async throws {
    var configuration = HTTPServer.Configuration()
    configuration.requestTimeout = .milliseconds(100)
    let (server, port) = try startServer(configuration: configuration, Self.echo)
    let closed = await offPool { () -> Bool in
      guard let socket = BlockingSocket.connect(port: port) else { return false }
      defer { socket.close() }
      return socket.waitForClose()
    }
    await server.stop()
    #expect(closed)
  }
}
