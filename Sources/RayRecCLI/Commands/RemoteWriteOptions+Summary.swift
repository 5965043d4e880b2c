import Archive
import Basics
import Foundation
import PromQL
import RemoteWrite

extension RemoteWriteOptions {
  /// Which damaged frames were skipped (their scrapes are missing from what was sent).
  static func warnDamaged(_ push: ArchivePush, _ reader: ArchiveReader, _ console: inout Console) {
    if let warning = push.summary.damagedFrames.warning(path: reader.path) { console.error(warning) }
  }

  /// The summary line on standard output; on failure, what happened on standard error (exit 1).
  static func summarize(
    _ push: ArchivePush, _ report: RemoteWriteReport, _ endpoint: RemoteWriteEndpoint, json: Bool,
    _ console: inout Console
  ) -> Int32 {
    let p = report.progress
    let summary = push.summary
    let seconds = Self.seconds(p.elapsed)
    let rate = seconds > 0 ? Int(Double(p.samplesDelivered) / seconds) : 0
    if let warning = report.metadataFailure {
      console.error("warning: metadata not delivered (\(push.metadata.count) entries): \(warning)")
    }
    let text =
      "\(endpoint.url): \(p.samplesDelivered) of \(summary.sampleCount) samples (\(summary.seriesCount) series, "
      + "\(summary.staleMarkers) staleness markers) and \(report.metadataDelivered) metadata entries in "
      + "\(p.requestsDelivered) requests, \(ByteSize.format(p.bodyBytes)) sent "
      + "(\(ByteSize.format(report.protobufBytes)) protobuf), \(p.retries) retries, "
      + String(format: "%.2fs", seconds) + ", \(rate) samples/s"
    if json { printJSON(push, report, endpoint, dryRun: false, &console) }
    guard let failure = report.failure else {
      if !json { console.print(text) }
      return 0
    }
    console.error("remote write to \(endpoint.url) failed: \(failure)")
    if !json { console.error(text) }
    console.error(
      "not delivered: \(summary.sampleCount - p.samplesDelivered) samples of the \(summary.sampleCount) read so far "
        + "(acknowledged requests are never sent again)")
    return 1
  }

  static func printDryRun(
    _ push: ArchivePush, _ report: RemoteWriteReport, _ endpoint: RemoteWriteEndpoint,
    _ options: QueueOptions,
    _ console: inout Console
  ) {
    console.print("dry run: nothing was sent")
    console.print("POST \(endpoint.url)")
    console.print("User-Agent: rayrec/\(rayrecVersion)")
    for header in endpoint.printableHeaders { console.print(header) }
    let summary = push.summary
    if let first = summary.firstMs, let last = summary.lastMs {
      console.print("samples from \(RFC3339.format(first)) to \(RFC3339.format(last))")
    }
    let metadataRequests = (push.metadata.count + options.metadataBatchSize - 1) / options.metadataBatchSize
    console.print(
      "\(summary.seriesCount) series, \(summary.sampleCount) samples (\(summary.staleMarkers) staleness markers), "
        + "\(push.metadata.count) metadata entries")
    console.print(
      "\(report.progress.requestsDelivered) requests (\(metadataRequests) of metadata), at most "
        + "\(options.batchSize) samples each, on \(options.shards) shards: "
        + "\(report.progress.bodyBytes) bytes snappy, \(report.protobufBytes) bytes protobuf")
    console.print("first series (samples in their first 10 minutes):")
    for (labels, samples) in summary.preview { console.print("  \(labels.description): \(samples)") }
    if summary.seriesCount > summary.preview.count {
      console.print("  ... and \(summary.seriesCount - summary.preview.count) more series")
    }
  }

  /// The figures as one JSON object (keys sorted), for scripts.
  static func printJSON(
    _ push: ArchivePush, _ report: RemoteWriteReport, _ endpoint: RemoteWriteEndpoint, dryRun: Bool,
    _ console: inout Console
  ) {
    let summary = push.summary
    let p = report.progress
    let object: JSONValue = [
      "url": JSONValue("\(endpoint.url)"), "dry_run": JSONValue(dryRun),
      "samples": JSONValue(summary.sampleCount),
      "samples_delivered": JSONValue(p.samplesDelivered), "series": JSONValue(summary.seriesCount),
      "staleness_markers": JSONValue(summary.staleMarkers), "metadata": JSONValue(push.metadata.count),
      "metadata_delivered": JSONValue(report.metadataDelivered), "requests": JSONValue(p.requestsDelivered),
      "attempts": JSONValue(report.attempts), "retries": JSONValue(p.retries),
      "body_bytes": JSONValue(p.bodyBytes),
      "protobuf_bytes": JSONValue(report.protobufBytes), "seconds": JSONValue(seconds(p.elapsed)),
      "first_ms": JSONValue(summary.firstMs ?? 0), "last_ms": JSONValue(summary.lastMs ?? 0),
      "failure": JSONValue(report.failure.map { JSONValue($0) }),
      "metadata_failure": JSONValue(report.metadataFailure.map { JSONValue($0) }),
    ]
    console.print(object.prettyText())
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
