/// The two text formats a Prometheus scrape target can answer in.
public enum ExpositionFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Prometheus text format 0.0.4 (`text/plain; version=0.0.4`), parsed with the leniency of
  /// Prometheus's own scrape parser.
  case text
  /// OpenMetrics 1.0 (`application/openmetrics-text`), parsed strictly.
  case openMetrics = "openmetrics"

  /// The `Content-Type` a server sends for this format.
  public var contentType: String {
    switch self {
    case .text: "text/plain; version=0.0.4; charset=utf-8"
    case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
    }
  }

  public var description: String { rawValue }

  /// Picks the format from a `Content-Type` header value, as Prometheus's scrape loop does:
  /// OpenMetrics only when the media type says so, text 0.0.4 for everything else (including a
  /// missing or unknown type).
  public init(contentType: String?) {
    guard let contentType else {
      self = .text
      return
    }
    let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
      $0.trimmingASCIIWhitespace().lowercased()
    }
    self = mediaType == "application/openmetrics-text" ? .openMetrics : .text
  }

  /// Guesses the format of a body with no content type: OpenMetrics if it ends with `# EOF`.
  public init(sniffing bytes: [UInt8]) {
    var end = bytes.count
    if end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    let eof: [UInt8] = Array("# EOF".utf8)
    if end >= eof.count, Array(bytes[(end - eof.count)..<end]) == eof {
      let lineStart = end - eof.count
      if lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n") {
        self = .openMetrics
        return
      }
    }
    self = .text
  }
}

extension Substring {
  func trimmingASCIIWhitespace() -> Substring {
    var s = self
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return s
  }
}
