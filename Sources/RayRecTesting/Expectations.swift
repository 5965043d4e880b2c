import PromQL
public import Testing

/// The recording an assertion uses: the explicit one, else the `.recording` trait's.
func recording(_ explicit: Recording?) throws -> Recording {
  guard let recording = explicit ?? Recording.current else { throw RecordingError.noRecording }
  return recording
}

/// Records a failed expectation at the caller's line, as a multi-line comment, and attaches the
/// plot of what it looked at, when there is one.
func fail(_ lines: [String], at sourceLocation: SourceLocation, plot: FailurePlot? = nil) {
  Issue.record(Comment(rawValue: lines.joined(separator: "\n")), sourceLocation: sourceLocation)
  plot?.attach(at: sourceLocation)
}

/// Runs an instant query; a PromQL error becomes an issue at the caller's line and nil.
func instant(_ query: String, at time: Int64, in recording: Recording, sourceLocation: SourceLocation)
  -> InstantResult?
{
  do {
    let samples: [VectorSample]
    switch try recording.backend.instantQuery(query, at: time) {
    case .scalar(let v): samples = [VectorSample(labels: .empty, value: v, timestamp: time)]
    case .vector(let v): samples = v
    case .string(let s):
      fail(["query returned a string, not numbers: \(s)", "  query: \(query)"], at: sourceLocation)
      return nil
    case .matrix:
      fail(
        ["query returned a range vector; drop the [range] or wrap it in a function", "  query: \(query)"],
        at: sourceLocation)
      return nil
    }
    return InstantResult(samples: samples, query: query, time: time)
  } catch {
    fail(["query failed: \(error)", "  query: \(query)"], at: sourceLocation)
    return nil
  }
}

/// Sparklines of the series an instant result involves, over the recording up to `time`.
func history(_ query: String, labels: [Labels], until time: Int64, in recording: Recording) -> [String] {
  let start = recording.startMs
  guard time > start else { return [] }
  let step = max(recording.backend.scrapeIntervalMs, (time - start) / 60)
  guard let series = try? recording.backend.rangeQuery(query, start: start, end: time, step: step) else {
    return []
  }
  let wanted = Set(labels)
  return series.filter { wanted.isEmpty || wanted.contains($0.labels) }.prefix(5).map {
    "  \($0.labels): \(Sparkline.describe($0))"
  }
}

/// Evaluates `query` at `time` and expects `predicate` to hold for the result.
///
/// ```swift
/// try expectQuery("sum by (State) (ray_tasks)", at: .end) { $0["State", "FINISHED"] ?? 0 > 100 }
/// ```
/// A failure is recorded at the caller's line with the query, the time, the result and a
/// sparkline of each series.
@discardableResult
public func expectQuery(
  _ query: String, at time: RecordingTime = .end, in explicit: Recording? = nil,
  sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (InstantResult) throws -> Bool
) throws -> InstantResult? {
  let recording = try recording(explicit)
  let t = time.resolve(start: recording.startMs, end: recording.endMs)
  guard let result = instant(query, at: t, in: recording, sourceLocation: sourceLocation) else { return nil }
  if try !predicate(result) {
    var lines = [
      "expectQuery: the predicate is false", "  query: \(query)", "  at: \(time) (\(Sparkline.time(t)))",
      "  result:",
    ]
    lines += result.description.split(separator: "\n").map { "    " + $0 }
    let involved = history(query, labels: result.samples.map(\.labels), until: t, in: recording)
    if !involved.isEmpty { lines += ["  history (start ... \(time)):"] + involved }
    let plot = FailurePlot.overRecording(
      query, labels: result.samples.map(\.labels), condition: nil, time: t, asked: "at \(time)",
      subtitle: "expectQuery: the predicate is false at \(time)", in: recording)
    fail(lines, at: sourceLocation, plot: plot)
  }
  return result
}

/// Expects the series of `query` whose labels include `labels` (one series) to be `expected`
/// within `tolerance` at `time`.
@discardableResult
public func expectValue(
  _ query: String, at time: RecordingTime = .end, where labels: [String: String] = [:],
  equals expected: Double,
  tolerance: Double = 1e-9, in explicit: Recording? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Double? {
  try expectValue(
    query, at: time, where: labels, .equal(expected, tolerance: tolerance), in: explicit,
    sourceLocation: sourceLocation)
}

/// Expects the series of `query` whose labels include `labels` (exactly one) to satisfy
/// `condition` at `time`; returns its value.
@discardableResult
public func expectValue(
  _ query: String, at time: RecordingTime = .end, where labels: [String: String] = [:],
  _ condition: Condition,
  in explicit: Recording? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Double? {
  let recording = try recording(explicit)
  let t = time.resolve(start: recording.startMs, end: recording.endMs)
  guard let result = instant(query, at: t, in: recording, sourceLocation: sourceLocation) else { return nil }
  let picked = result.matching(labels)
  let selector =
    labels.isEmpty
    ? ""
    : " where " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
  var lines = [
    "  query: \(query)\(selector)", "  at: \(time) (\(Sparkline.time(t)))", "  expected: \(condition)",
  ]
  guard picked.count == 1 else {
    lines.insert(
      picked.isEmpty
        ? "expectValue: no series matches"
        : "expectValue: \(picked.count) series match; add labels to pick one",
      at: 0)
    lines += ["  result:"] + result.description.split(separator: "\n").map { "    " + $0 }
    if result.samples.isEmpty { lines += recording.emptyResultHints(query, start: t, end: t, step: 0) }
    let plot = FailurePlot.overRecording(
      query, labels: (picked.isEmpty ? result.samples : picked).map(\.labels), condition: condition, time: t,
      asked: "at \(time)", subtitle: lines[0] + selector, in: recording)
    fail(lines, at: sourceLocation, plot: plot)
    return nil
  }
  let value = picked[0].value
  if !condition.holds(value) {
    lines.insert("expectValue: \(Sparkline.number(value)) is not \(condition)", at: 0)
    lines += ["  actual: \(Sparkline.number(value))", "  series: \(picked[0].labels)"]
    lines += history(query, labels: [picked[0].labels], until: t, in: recording)
    let plot = FailurePlot.overRecording(
      query, labels: [picked[0].labels], condition: condition, time: t, asked: "at \(time)",
      subtitle: lines[0] + " at \(time)" + selector, in: recording)
    fail(lines, at: sourceLocation, plot: plot)
  }
  return value
}
