import Basics
import Foundation
import PromQL

extension RuleTimeline {
  /// The timeline as a person reads it: alert episodes with recorded times and offsets from the
  /// recording's start, their annotations, recording-rule output, alerts that stayed silent.
  public func lines(recordingStart: Int64) -> [String] {
    var out: [String] = []
    let span = GoDuration.string(milliseconds: end - start)
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
    "\(RFC3339.format(time)) (+\(GoDuration.string(milliseconds: time - recordingStart)))"
  }

  /// The timeline as JSON (times as RFC 3339 and as seconds from the recording's start).
  public func json(recordingStart: Int64) -> String {
    func time(_ value: Int64?) -> JSONValue {
      guard let value else { return nil }
      return [
        "time": JSONValue(RFC3339.format(value)),
        "offset_seconds": JSONValue(Double(value - recordingStart) / 1000),
      ]
    }
    func labels(_ labels: Labels) -> JSONValue {
      JSONValue(Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
    }
    let object: JSONValue = [
      "start": JSONValue(RFC3339.format(start)), "end": JSONValue(RFC3339.format(end)),
      "evaluations": JSONValue(evaluations),
      "alerts": JSONValue(
        episodes.map { episode in
          [
            "alertname": JSONValue(episode.alert), "group": JSONValue(episode.group),
            "labels": labels(episode.labels), "annotations": labels(episode.annotations),
            "pending": time(episode.pendingAt), "firing": time(episode.firedAt),
            "ended": time(episode.endedAt),
            "peak": episode.peak.isFinite
              ? JSONValue(episode.peak) : JSONValue(GoSyntax.formatFloatG(episode.peak)),
          ]
        }),
      "silent_alerts": JSONValue(silentAlerts.map { JSONValue($0) }),
      "recording_rules": JSONValue(
        recordings.map { recording in
          var entry: [(String, JSONValue)] = [
            ("record", JSONValue(recording.record)), ("group", JSONValue(recording.group)),
            ("series", JSONValue(recording.series)), ("samples", JSONValue(recording.samples)),
          ]
          if let range = recording.range, range.lowerBound.isFinite, range.upperBound.isFinite {
            entry += [("min", JSONValue(range.lowerBound)), ("max", JSONValue(range.upperBound))]
          }
          return .object(entry)
        }),
      "errors": JSONValue(failureCount),
      "first_errors": JSONValue(
        failures.prefix(10).map {
          [
            "time": JSONValue(RFC3339.format($0.time)), "rule": JSONValue($0.name),
            "error": JSONValue($0.message),
          ]
        }),
    ]
    return object.prettyText()
  }
}
