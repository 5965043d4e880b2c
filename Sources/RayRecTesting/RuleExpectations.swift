import Basics
import PromQL
public import Rules
public import Testing

/// The rules backend of a recording loaded with `.rules(...)`, or a failure saying how to load one.
func rulesBackend(_ recording: Recording, _ function: String, at sourceLocation: SourceLocation)
  -> RulesBackend?
{
  if let backend = recording.backend as? RulesBackend { return backend }
  fail(
    [
      "\(function): no rule files are loaded for \(recording.backend.name)",
      "  add .rules(\"rules/x.yml\") beside .recording(...) on the suite, or load the recording with rules:",
    ], at: sourceLocation)
  return nil
}

/// Expects the alerting rule `alertname` of the loaded rule files to fire: at `time` if given,
/// else within `firesWithin` of the recording's start if given, else at some point. `labels`
/// narrows it to alert instances carrying those labels. Returns the matching episodes.
///
/// ```swift
/// @Suite(.recording("recordings/actor-crash-loop.rayrec"), .rules("rules/ray.yml"))
/// struct Alerts {
///   @Test func crashLoopPages() throws {
///     try expectAlert("RayActorCrashLoop", firesWithin: .minutes(10), labels: ["severity": "warning"])
///   }
/// }
/// ```
/// A failure shows the alert's timeline and the rule expression's values around the time asked
/// (its peak when it never crossed its threshold).
@discardableResult
public func expectAlert(
  _ alertname: String, firesWithin: Duration? = nil, at time: RecordingTime? = nil,
  labels: [String: String] = [:],
  in explicit: Recording? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [RuleTimeline.Episode] {
  let recording = try recording(explicit)
  guard let backend = rulesBackend(recording, "expectAlert", at: sourceLocation) else { return [] }
  guard let rules = knownAlert(alertname, backend, at: sourceLocation) else { return [] }
  let episodes = AlertReport.episodes(alertname, labels: labels, in: backend)
  let start = recording.startMs
  let matching: [RuleTimeline.Episode]
  let asked: String
  let focus: Int64
  if let time {
    let t = time.resolve(start: start, end: recording.endMs)
    matching = episodes.filter { episode in
      guard let fired = episode.firedAt, fired <= t else { return false }
      return episode.endedAt.map { $0 > t } ?? true
    }
    asked = "firing at \(time) (\(Sparkline.time(t)))"
    focus = t
  } else if let firesWithin {
    let limit = start &+ firesWithin.milliseconds
    matching = episodes.filter { ($0.firedAt ?? .max) <= limit }
    asked =
      "firing within \(Sparkline.duration(firesWithin.milliseconds)) of the start (by \(Sparkline.time(limit)))"
    focus = limit
  } else {
    matching = episodes.filter { $0.firedAt != nil }
    asked = "firing at some point of the recording"
    focus = recording.endMs
  }
  if matching.isEmpty {
    var lines = [
      "expectAlert: \(alertname)\(AlertReport.describe(labels)) was expected \(asked), but it was not"
    ]
    lines += AlertReport.context(alertname, rules: rules, labels: labels, focus: focus, in: backend)
    let plot = AlertReport.plot(
      alertname, rules: rules, labels: labels, focus: focus, asked: "asked", subtitle: lines[0], in: backend)
    fail(lines, at: sourceLocation, plot: plot)
  }
  return matching
}

/// Expects the alerting rule `alertname` never to fire during `window` (default the whole recording).
public func expectAlertSilent(
  _ alertname: String, during window: RecordingWindow = .whole, labels: [String: String] = [:],
  in explicit: Recording? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let recording = try recording(explicit)
  guard let backend = rulesBackend(recording, "expectAlertSilent", at: sourceLocation) else { return }
  guard let rules = knownAlert(alertname, backend, at: sourceLocation) else { return }
  let (from, to) = window.resolve(start: recording.startMs, end: recording.endMs)
  let firing = AlertReport.episodes(alertname, labels: labels, in: backend).filter { episode in
    guard let fired = episode.firedAt, fired <= to else { return false }
    return (episode.endedAt ?? .max) > from
  }
  guard let first = firing.first else { return }
  var lines = [
    "expectAlertSilent: \(alertname)\(AlertReport.describe(labels)) fired during \(window)"
      + " (\(Sparkline.time(from)) ... \(Sparkline.time(to)))"
  ]
  lines += AlertReport.context(
    alertname, rules: rules, labels: labels, focus: first.firedAt ?? from, in: backend)
  let plot = AlertReport.plot(
    alertname, rules: rules, labels: labels, focus: first.firedAt ?? from, asked: "fired", subtitle: lines[0],
    in: backend)
  fail(lines, at: sourceLocation, plot: plot)
}

/// Expects the annotation `key` of the firing alert `alertname` to be `equals` (or to contain
/// `contains`), as Prometheus rendered it; the first firing episode is checked, or the one firing
/// at `time`.
public func expectAnnotation(
  _ alertname: String, _ key: String, equals expected: String? = nil, contains fragment: String? = nil,
  at time: RecordingTime? = nil, labels: [String: String] = [:], in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let recording = try recording(explicit)
  guard let backend = rulesBackend(recording, "expectAnnotation", at: sourceLocation) else { return }
  guard let rules = knownAlert(alertname, backend, at: sourceLocation) else { return }
  var episodes = AlertReport.episodes(alertname, labels: labels, in: backend).filter { $0.firedAt != nil }
  if let time {
    let t = time.resolve(start: recording.startMs, end: recording.endMs)
    episodes = episodes.filter { ($0.firedAt ?? .max) <= t && ($0.endedAt ?? .max) > t }
  }
  guard let episode = episodes.first else {
    var lines = [
      "expectAnnotation: \(alertname)\(AlertReport.describe(labels)) never fired, so it has no annotations"
    ]
    lines += AlertReport.context(alertname, rules: rules, labels: labels, focus: recording.endMs, in: backend)
    fail(lines, at: sourceLocation)
    return
  }
  let value = episode.annotations[key]
  let ok = value.map { value in
    (expected.map { value == $0 } ?? true) && (fragment.map { value.contains($0) } ?? true)
  }
  guard ok != true else { return }
  var lines = ["expectAnnotation: \(alertname) annotation \(key)"]
  if let expected { lines.append("  expected: \(expected)") }
  if let fragment { lines.append("  expected to contain: \(fragment)") }
  lines.append(
    "  rendered: "
      + (value ?? "(no annotation \(key); it has \(episode.annotations.map(\.name).joined(separator: ", ")))")
  )
  lines.append("  alert: \(episode.labels), fired at \(Sparkline.time(episode.firedAt ?? episode.pendingAt))")
  fail(lines, at: sourceLocation)
}

private func knownAlert(_ alertname: String, _ backend: RulesBackend, at sourceLocation: SourceLocation)
  -> [(group: String, file: String, rule: Rule)]?
{
  let rules = backend.alertingRules(named: alertname)
  if rules.isEmpty {
    let names = backend.ruleFiles.flatMap(\.groups).flatMap(\.rules).filter(\.isAlerting).map(\.name)
    fail(
      [
        "no alerting rule named \(alertname) in \(backend.ruleFiles.map(\.path).joined(separator: ", "))",
        "  alerts there: " + (names.isEmpty ? "none" : names.joined(separator: ", ")),
      ]
        + Suggestion.closest(
          to: alertname, among: names, ignoringCase: true, maxDistance: max(2, alertname.count / 3)
        ).map { ["  did you mean \($0)?"] }.orEmpty,
      at: sourceLocation)
    return nil
  }
  return rules
}

extension Optional where Wrapped == [String] {
  var orEmpty: [String] { self ?? [] }
}
