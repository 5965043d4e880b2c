import Archive
import HTTP

/// Turns one scrape into an archive frame: failures are data too.
enum FrameConversion {
  static func frame(targetID: UInt32, result: ScrapeResult, check: ScrapeCheck) -> Frame {
    switch result.outcome {
    case .success(let response):
      var frame = Frame(
        targetID: targetID, timeMs: result.startUnixMillis, durationMicros: result.durationMicros,
        outcome: .response(status: response.status), contentType: response.contentType ?? "",
        headers: headerFields(response.headers), body: response.body)
      if (200..<300).contains(response.status),
        let problem = check.failure(body: response.body, contentType: response.contentType)
      {
        // Kept byte for byte, flagged, so replay serves the same body and queries see `up == 0`
        // (a body within the size limit that Prometheus would reject: by its parser or a limit).
        frame.outcome = .failed(.malformed, message: problem)
      }
      return frame
    case .failure(let error):
      // The client keeps only the first bytes of a failed body (the request's partialBodyBytes):
      // enough to see what the target sent, never a whole oversized or endless body.
      let partial = error.partial
      var message = error.description
      if let partial, error.receivedBodyBytes > partial.body.count {
        message += "; the first \(partial.body.count) kept"
      }
      return Frame(
        targetID: targetID, timeMs: result.startUnixMillis, durationMicros: result.durationMicros,
        outcome: .failed(kind(error.kind), message: message),
        contentType: partial?.contentType ?? "", headers: partial.map { headerFields($0.headers) } ?? [],
        body: partial?.body ?? [])
    }
  }

  static func kind(_ kind: HTTPError.Kind) -> FailureKind {
    switch kind {
    case .connectionRefused: .refused
    case .connectTimeout, .readTimeout: .timeout
    case .connectionReset, .closedEarly: .reset
    case .badResponse, .redirect: .httpError
    case .bodyTooLarge: .bodyTooLarge
    case .badURL, .cancelled, .system: .other
    }
  }

  private static func headerFields(_ headers: HTTPHeaders) -> [Frame.HeaderField] {
    headers.fields.map { Frame.HeaderField($0.name, $0.value) }
  }
}
