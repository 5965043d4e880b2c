import Archive
import HTTP
import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct ServedFrameTests {
  func frame(_ outcome: FrameOutcome, body: String = "a 1\n") -> Frame {
    Frame(targetID: 0, timeMs: t0, outcome: outcome, contentType: "text/plain", body: Array(body.utf8))
  }

  @Test func aResponseIsServedWithItsStatusContentTypeAndBody() throws {
    let served = ServedFrame(frame: frame(.response(status: 503), body: "down\n"))
    guard case .response(let response) = served.reply(gzip: false) else {
      Issue.record("not a response")
      return
    }
    #expect(response.status == 503)
    #expect(response.headers["Content-Type"] == "text/plain")
    #expect(response.body == Array("down\n".utf8))
  }

  @Test func eachFailureKindHasItsAnswer() {
    func kind(_ failure: FailureKind, body: String = "") -> ServedFrame.Answer {
      ServedFrame(frame: frame(.failed(failure, message: "x"), body: body)).answer
    }
    guard case .refused = kind(.refused) else {
      Issue.record("refused")
      return
    }
    guard case .hang = kind(.timeout) else {
      Issue.record("timeout")
      return
    }
    guard case .close(reset: true) = kind(.reset) else {
      Issue.record("reset without body")
      return
    }
    guard case .reset(_, let bytes) = kind(.reset, body: "0123456789") else {
      Issue.record("reset with body")
      return
    }
    #expect(bytes == 5)
    guard case .respond(let malformed) = kind(.malformed, body: "a{ 1\n") else {
      Issue.record("malformed")
      return
    }
    #expect(malformed.status == 200)
    #expect(malformed.body == Array("a{ 1\n".utf8))
    guard case .close(reset: false) = kind(.httpError) else {
      Issue.record("httpError")
      return
    }
    #expect(!ServedFrame(frame: frame(.failed(.refused, message: ""))).listens)
  }

  @Test func gzipIsComputedOnceAndDecompressesToTheBody() throws {
    let served = ServedFrame(
      frame: frame(.response(status: 200), body: String(repeating: "a_total 1\n", count: 500)))
    guard case .response(let first) = served.reply(gzip: true),
      case .response(let second) = served.reply(gzip: true)
    else {
      Issue.record("not a response")
      return
    }
    #expect(first.headers["Content-Encoding"] == "gzip")
    #expect(first.body == second.body)
    #expect(try Gzip.decompress(first.body) == Array(String(repeating: "a_total 1\n", count: 500).utf8))
  }

  @Test func timestampsAreWrittenIntoSuccessfulBodiesOnly() {
    let ok = ServedFrame(frame: frame(.response(status: 200)), timestampMs: 42)
    let failed = ServedFrame(frame: frame(.response(status: 500)), timestampMs: 42)
    guard case .respond(let a) = ok.answer, case .respond(let b) = failed.answer else {
      Issue.record("not responses")
      return
    }
    #expect(a.body == Array("a 1 42\n".utf8))
    #expect(b.body == Array("a 1\n".utf8))
  }

  @Test func acceptEncodingIsReadAsTokens() {
    func accepts(_ value: String) -> Bool {
      HTTPRequest(method: "GET", target: "/", headers: ["Accept-Encoding": value]).acceptsGzip
    }
    #expect(accepts("gzip"))
    #expect(accepts("deflate, GZIP;q=0.5"))
    #expect(!accepts("gzip;q=0"))
    #expect(!accepts("identity"))
    #expect(!HTTPRequest(method: "GET", target: "/").acceptsGzip)
  }
}
