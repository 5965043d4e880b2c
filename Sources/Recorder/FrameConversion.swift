import Archive
import Exposition
import HTTP

/// Turns one scrape into an archive frame: failures are data too.
enum FrameConversion {
  static func frame(targetID: UInt32, result: ScrapeResult) -> Frame {
    switch result.outcome {
    case .success(let response):
      var frame = Frame(
        targetID: targetID, timeMs: result.startUnixMillis, durationMicros: result.durationMicros,
        outcome: .response(status: response.status), contentType: response.contentType ?? "",
        headers: headerFields(response.headers), body: response.body)
      if (200..<300).contains(response.status), let problem = malformation(response) {
        // Kept byte for byte, flagged, so replay serves the same bad body and queries see `up == 0`.
        frame.outcome = .failed(.malformed, message: problem)
      }
      return frame
    case .failure(let error):
      let partial = error.partial
      return Frame(
        targetID: targetID, timeMs: result.startUnixMillis, durationMicros: result.durationMicros,
        outcome: .failed(kind(error.kind), message: error.description),
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

  /// Parses the body as Prometheus would (leniently, format from the content type).
  static func malformation(_ response: HTTPClientResponse) -> String? {
    malformation(body: response.body, contentType: response.contentType)
  }

  static func malformation(body: [UInt8], contentType: String?) -> String? {
    let format = ExpositionFormat(contentType: contentType)
    var parser = ExpositionParser(bytes: body, format: format, strict: false)
    do {
      while try parser.next() != nil {}
      return nil
    } catch {
      return "malformed \(format == .text ? "text 0.0.4" : "OpenMetrics") body: \(error)"
    }
  }

  private static func headerFields(_ headers: HTTPHeaders) -> [Frame.HeaderField] {
    headers.fields.map { Frame.HeaderField($0.name, $0.value) }
  }
}
