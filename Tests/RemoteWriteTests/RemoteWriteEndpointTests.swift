import HTTP
import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(1))) struct RemoteWriteEndpointTests {
  @Test(arguments: [
    ("https://mimir.example/api/v1/push", "https is not supported"),
    ("127.0.0.1:9090/api/v1/write", "expected http://"),
    ("http://:9090/api/v1/write", "missing host"),
    ("http://h:99999/api/v1/write", "invalid port '99999'"),
    ("http://u:p@h/api/v1/write", "user information is not supported"),
  ])
  func aURLThatCannotWorkIsNamedWithTheProblem(_ url: String, _ problem: String) {
    let error = #expect(throws: RemoteWriteError.self) { try RemoteWriteEndpoint(url: url) }
    #expect(error?.message == "invalid URL '\(url)': \(problem)")
  }

  @Test func theProtocolHeadersComeFirstThenTheUsersInTheirOrder() throws {
    var endpoint = try RemoteWriteEndpoint(url: "http://127.0.0.1:9090/api/v1/write")
    try endpoint.addHeader(name: "X-Team", value: "ray")
    try endpoint.setTenant("team-a")
    #expect(
      endpoint.requestHeaders.fields.map { "\($0.name): \($0.value)" } == [
        "Content-Encoding: snappy", "Content-Type: application/x-protobuf",
        "X-Prometheus-Remote-Write-Version: 0.1.0", "X-Team: ray", "X-Scope-OrgID: team-a",
      ])
    #expect(endpoint.timeout == .seconds(30))
  }

  @Test(arguments: [
    ("Bad Name", "v", "header name 'Bad Name' is not a valid HTTP field name"),
    ("", "v", "header name '' is not a valid HTTP field name"),
    ("X-A", "one\r\nX-Evil: 1", "header X-A: the value holds control characters"),
    ("content-type", "text/plain", "header Content-Type is set by rayrec and cannot be replaced"),
    (
      "Authorization", "Bearer x",
      "header Authorization is set by rayrec and cannot be replaced (use --bearer-token-file or --basic-auth)"
    ),
    ("User-Agent", "curl", "header User-Agent is set by rayrec"),
  ])
  func aHeaderThatCannotBeSentIsRefused(_ name: String, _ value: String, _ message: String) throws {
    var endpoint = try RemoteWriteEndpoint(url: "http://h/w")
    let error = #expect(throws: RemoteWriteError.self) { try endpoint.addHeader(name: name, value: value) }
    #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
  }

  @Test func aTenantGivenTwiceIsRefused() throws {
    var endpoint = try RemoteWriteEndpoint(url: "http://h/w")
    try endpoint.addHeader(name: "x-scope-orgid", value: "a")
    let error = #expect(throws: RemoteWriteError.self) { try endpoint.setTenant("b") }
    #expect(error?.message == "header X-Scope-OrgID is given twice (--tenant sets it)")
  }

  @Test func aBearerTokenIsReadAsPrometheusReadsCredentialFiles() throws {
    var endpoint = try RemoteWriteEndpoint(url: "http://h/w")
    try endpoint.setBearerToken("  s3cret\n")
    #expect(endpoint.headers["Authorization"] == "Bearer s3cret")
    #expect(endpoint.printableHeaders.last == "Authorization: Bearer <hidden>")
    var empty = try RemoteWriteEndpoint(url: "http://h/w")
    #expect(throws: RemoteWriteError("the bearer token is empty")) { try empty.setBearerToken("\n") }
    #expect(throws: RemoteWriteError.self) { try empty.setBearerToken("two\nlines") }
  }

  @Test func basicAuthIsBase64OfUserColonPassword() throws {
    var endpoint = try RemoteWriteEndpoint(url: "http://h/w")
    // RFC 7617's example.
    try endpoint.setBasicAuth(user: "Aladdin", password: "open sesame\n")
    #expect(endpoint.headers["Authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    #expect(throws: RemoteWriteError.self) { try endpoint.setBearerToken("t") }
    var bad = try RemoteWriteEndpoint(url: "http://h/w")
    #expect(throws: RemoteWriteError.self) { try bad.setBasicAuth(user: "a:b", password: "p") }
  }
}
