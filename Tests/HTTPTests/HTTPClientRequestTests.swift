import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPClientRequestTests {
  @Test func serialisesWhatPrometheusSends() {
    var request = HTTPClientRequest(
      url: HTTPURL(host: "127.0.0.1", port: 8080, target: "/metrics"), timeout: .seconds(10))
    request.extraHeaders = ["X-Extra": "1"]
    let text = String(decoding: request.serialized(userAgent: "rayrec/0.1.0"), as: UTF8.self)
    #expect(
      text == """
        GET /metrics HTTP/1.1\r
        Host: 127.0.0.1:8080\r
        User-Agent: rayrec/0.1.0\r
        Accept: \(HTTPClientRequest.prometheusAccept)\r
        Accept-Encoding: gzip\r
        X-Prometheus-Scrape-Timeout-Seconds: 10\r
        X-Extra: 1\r
        \r

        """)
  }

  @Test func aPostWithoutScrapeHeadersCarriesItsBodyAndLength() {
    var request = HTTPClientRequest(url: HTTPURL(host: "127.0.0.1", port: 9090, target: "/api/v1/write"))
    request.method = "POST"
    request.sendsScrapeHeaders = false
    request.extraHeaders = ["Content-Type": "application/x-protobuf"]
    request.body = Array("abc".utf8)
    let text = String(decoding: request.serialized(userAgent: "rayrec/0.1.0"), as: UTF8.self)
    #expect(
      text == """
        POST /api/v1/write HTTP/1.1\r
        Host: 127.0.0.1:9090\r
        User-Agent: rayrec/0.1.0\r
        Content-Type: application/x-protobuf\r
        Content-Length: 3\r
        \r
        abc
        """)
    #expect(request.operation == "POST http://127.0.0.1:9090/api/v1/write")
  }

  @Test func anEmptyPostStillSaysItsLength() {
    var request = HTTPClientRequest(url: HTTPURL(host: "h", port: 80, target: "/"))
    request.method = "POST"
    request.sendsScrapeHeaders = false
    let text = String(decoding: request.serialized(userAgent: "u"), as: UTF8.self)
    #expect(text == "POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: u\r\nContent-Length: 0\r\n\r\n")
  }

  @Test(arguments: [
    (Duration.seconds(10), "10"), (.milliseconds(500), "0.5"), (.milliseconds(1250), "1.25"),
    (.milliseconds(3), "0.003"),
  ])
  func printsTimeoutSecondsLikePrometheus(_ duration: Duration, _ text: String) {
    #expect(HTTPClientRequest.seconds(duration) == text)
  }
}
