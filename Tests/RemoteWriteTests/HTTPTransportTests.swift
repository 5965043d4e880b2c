import Archive
import Testing

@testable import RemoteWrite

@Suite(.timeLimit(.minutes(1))) struct HTTPTransportTests {
  func classify(_ status: Int, _ body: String = "", retryAfter: String? = nil) -> AttemptOutcome {
    HTTPTransport.classify(
      status: status, reason: "", body: Array(body.utf8), retryAfter: retryAfter, now: 1_795_600_000)
  }

  @Test func anySuccessIsDelivered() {
    #expect(classify(200) == .delivered)
    #expect(classify(204) == .delivered)
  }

  @Test func aServerErrorIsRetriedWithTheFirstLineOfItsBodyAsTheMessage() {
    #expect(
      classify(500, "append failed: disk full\nstack...")
        == .retryable(
          "server returned HTTP status 500 Internal Server Error: append failed: disk full", retryAfter: nil,
          answered: true))
  }

  @Test func aClientErrorIsNotRetried() {
    #expect(
      classify(400, "out of order sample\n")
        == .rejected("server returned HTTP status 400 Bad Request: out of order sample"))
    #expect(classify(401, "no token") == .rejected("server returned HTTP status 401 Unauthorized: no token"))
  }

  @Test func notFoundSaysWherePrometheusTakesRemoteWrite() {
    guard case .rejected(let message) = classify(404, "404 page not found") else {
      Issue.record("404 must not be retried")
      return
    }
    #expect(
      message.hasPrefix("server returned HTTP status 404 Not Found: 404 page not found (is the path right?"))
    #expect(message.contains("--web.enable-remote-write-receiver"))
  }

  @Test func tooManyRequestsWaitsAsLongAsRetryAfterSays() {
    #expect(
      classify(429, "slow down", retryAfter: "7")
        == .retryable(
          "server returned HTTP status 429 Too Many Requests: slow down", retryAfter: .seconds(7),
          answered: true))
    let inTwoMinutes = HTTPDate.format(1_795_600_000 + 120)
    #expect(
      classify(503, retryAfter: inTwoMinutes)
        == .retryable(
          "server returned HTTP status 503 Service Unavailable: ", retryAfter: .seconds(120), answered: true))
  }

  @Test(arguments: ["0", "-3", "soon", "Wed, 25 Nov 2026 11:44:05 GMT"])
  func aRetryAfterThatIsNoFutureDelayFallsBackToTheBackoff(_ text: String) {
    // The date is before `now` (1_795_600_000 is 2026-11-24), so it asks for no wait.
    #expect(HTTPTransport.delay(text, now: 1_795_700_000) == nil)
  }

  @Test func aLongErrorBodyIsCutToWhatPrometheusReads() {
    guard case .rejected(let message) = classify(413, String(repeating: "x", count: 5000)) else {
      Issue.record("413 must not be retried")
      return
    }
    #expect(
      message.hasPrefix(
        "server returned HTTP status 413 Content Too Large: " + String(repeating: "x", count: 1024) + " ("))
    #expect(message.hasSuffix("a smaller --batch-size helps)"))
  }
}
