import Basics
import Foundation
import PromQL

extension RuleTimeline {
  /// The timeline as a person reads it: alert episodes with recorded times and offsets from the
  /// recording's start, their annotations, recording-rule output, alerts that stayed silent.
  public func lines(recordingStart: Int64) -> [String] {
    var out: [String] = []
    let span = goDurationString(milliseconds: end - start)
    out.append(
      "evaluated \(RFC3339.format(start)) to \(RFC3339.format(end)) (\(span)): \(evaluations) group evaluations"
    )
    out.append("")
    out.append(episodes.isEmpty ? "alerts: none went pending" : "alerts:")
    for episode in episodes {
      out.append("  \(episode.labels.description)")
      var stages = ["pending \(stamp(episode.pendingAt, recordingStart))"]
      if let fired = episode.firedAt { stages.append("firing \(stamp(fired, recordingStart))") }
      if let ended = episode.endedAt {
        stages.append((episode.firedAt == nil ? "dropped " : "resolved ") + stamp(ended, recordingStart))
      } else {
        stages.append(episode.firedAt == nil ? "still pending at the end" : "still firing at the end")
      }
      out.append("    " + stages.joined(separator: "  ->  "))
      out.append("    peak value \(GoSyntax.formatFloatG(episode.peak))")
      for annotation in episode.annotations { out.append("    \(annotation.name): \(annotation.value)") }
    }
    if !silentAlerts.isEmpty {
      out.append("")
      out.append("never pending: " + silentAlerts.joined(separator: ", "))
    }
    if !recordings.isEmpty {
      out.append("")
      out.append("recording rules:")
      for recording in recordings {
        var line = "  \(recording.record): \(recording.series) series, \(recording.samples) samples"
        if let range = recording.range {
          line +=
            ", values \(GoSyntax.formatFloatG(range.lowerBound)) to \(GoSyntax.formatFloatG(range.upperBound))"
        }
        out.append(line)
      }
    }
    if failureCount > 0 {
      out.append("")
      out.append("evaluation errors: \(failureCount)")
      for failure in failures.prefix(10) {
        out.append(
          "  \(RFC3339.format(failure.time)) group \(GoQuote.quote(failure.group)) rule \(failure.name): \(failure.message)"
        )
      }
    }
    return out
  }

  private func stamp(_ time: Int64, _ recordingStart: Int64) -> String {
    "\(RFC3339.format(time)) (+\(goDurationString(milliseconds: time - recordingStart)))"
  }

  /// The timeline as JSON (times as RFC 3339 and as seconds from the recording's start).
  public func json(recordingStart: Int64) -> String {
    func time(_ value: Int64?) -> Any {
      guard let value else { return NSNull() }
      return ["time": RFC3339.format(value), "offset_seconds": Double(value - recordingStart) / 1000]
    }
    func labels(_ labels: Labels) -> [String: String] {
      Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }
    let object: [String: Any] = [
      "start": RFC3339.format(start), "end": RFC3339.format(end), "evaluations": evaluations,
      "alerts": episodes.map { episode in
        [
          "alertname": episode.alert, "group": episode.group, "labels": labels(episode.labels),
          "annotations": labels(episode.annotations), "pending": time(episode.pendingAt),
          "firing": time(episode.firedAt), "ended": time(episode.endedAt),
          "peak": episode.peak.isFinite ? episode.peak : GoSyntax.formatFloatG(episode.peak),
        ] as [String: Any]
      },
      "silent_alerts": silentAlerts,
      "recording_rules": recordings.map { recording in
        var entry: [String: Any] = [
          "record": recording.record, "group": recording.group, "series": recording.series,
          "samples": recording.samples,
        ]
        if let range = recording.range, range.lowerBound.isFinite, range.upperBound.isFinite {
          entry["min"] = range.lowerBound
          entry["max"] = range.upperBound
        }
        return entry
      },
      "errors": failureCount,
      "first_errors": failures.prefix(10).map {
        ["time": RFC3339.format($0.time), "rule": $0.name, "error": $0.message]
      },
    ]
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
