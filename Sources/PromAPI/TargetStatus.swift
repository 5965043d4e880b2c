import Archive
import Exposition
import Foundation
import PromQL
import SeriesStore

/// A recorded target as Prometheus's `/api/v1/targets` lists it: its labels, and the health of
/// its last recorded scrape.
struct TargetStatus: Sendable {
  var job: String
  var url: String
  var labels: [(name: String, value: String)]
  var intervalMs: Int64
  var timeoutMs: Int64
  /// The last scrape: when (shifted ms), how long, and its error ("" when it succeeded).
  var lastScrapeMs: Int64?
  var lastDurationSeconds: Double
  var lastError: String
  /// Metadata from the last successful scrape.
  var metadata: [RecordedMetadata]

  init(reader: ArchiveReader, target: ArchiveTarget, labels: TargetLabels, shift: Int64) {
    job = target.job
    url = target.url
    self.labels = labels.labels.map { ($0.name, $0.value) }
    intervalMs = target.intervalMs
    timeoutMs = target.timeoutMs
    let summaries = reader.summaries(target: target.id)
    var error = ""
    if let last = summaries.last {
      lastScrapeMs = last.timeMs &+ shift
      lastDurationSeconds = Double(last.durationMicros) / 1e6
      if last.isFailure {
        error =
          (try? reader.frame(target: target.id, at: last.timeMs)).map(TargetStatus.describe)
          ?? "scrape failed"
      }
    } else {
      lastScrapeMs = nil
      lastDurationSeconds = 0
    }
    metadata = RecordedMetadata.lastScrape(of: target, in: reader)
    lastError = error
  }

  /// A failed scrape's error as Prometheus would word it, roughly.
  static func describe(_ frame: Frame) -> String {
    switch frame.outcome {
    case .response(let status): "server returned HTTP status \(status) \(standardReason(status))"
    case .failed(_, let message): message
    }
  }

  static func standardReason(_ status: Int) -> String {
    switch status {
    case 404: "Not Found"
    case 500: "Internal Server Error"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    default: ""
    }
  }

  /// The `host:port` of the URL.
  var address: String {
    var rest = Substring(url)
    if let range = rest.range(of: "://") { rest = rest[range.upperBound...] }
    if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
    return String(rest)
  }

  /// The URL's path, `/metrics` when it has none.
  var metricsPath: String {
    var rest = Substring(url)
    if let range = rest.range(of: "://") { rest = rest[range.upperBound...] }
    guard let slash = rest.firstIndex(of: "/") else { return "/metrics" }
    let path = rest[slash...]
    return String(path.split(separator: "?").first ?? path)
  }

  var scheme: String { url.hasPrefix("https://") ? "https" : "http" }
}
