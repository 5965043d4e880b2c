import Testing

@testable import HTTP

@Suite(.timeLimit(.minutes(5))) struct HTTPURLTests {
  @Test(arguments: [
    ("http://127.0.0.1:8080/metrics", "127.0.0.1", 8080, "/metrics"),
    ("http://localhost:44217", "localhost", 44217, "/"),
    ("HTTP://10.0.0.2/metrics?x=1#frag", "10.0.0.2", 80, "/metrics?x=1"),
    ("http://node-1:9000?a=b", "node-1", 9000, "/?a=b"),
  ])
  func parsesScrapeURLs(_ text: String, _ host: String, _ port: Int, _ target: String) throws {
    let url = try HTTPURL(parsing: text)
    #expect(url.host == host)
    #expect(Int(url.port) == port)
    #expect(url.target == target)
  }

  @Test(arguments: [
    ("https://a/", "https is not supported"), ("ftp://a/", "expected http://"),
    ("http://", "expected http://"),
    ("http://:80/", "missing host"), ("http://a:0/", "invalid port"), ("http://a:99999/", "invalid port"),
    ("http://a:x/", "invalid port"), ("http://[::1]:80/", "IPv6"), ("http://a/b c", "spaces"),
  ])
  func rejectsUnsupportedURLsNamingTheProblem(_ text: String, _ problem: String) {
    let error = #expect(throws: HTTPError.self) { try HTTPURL(parsing: text) }
    #expect(error?.kind == .badURL)
    #expect(error?.message.contains(problem) == true, "\(String(describing: error))")
  }

  @Test func formatsTheHostHeader() {
    #expect(HTTPURL(host: "a", port: 80).hostHeader == "a")
    #expect(HTTPURL(host: "a", port: 8080).hostHeader == "a:8080")
  }
}
