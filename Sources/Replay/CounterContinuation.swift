import Archive
import Exposition

/// `--loop=continue`: each pass after the first serves the recorded bodies with every counter
/// (counters, histogram and summary `_count`, `_sum` and buckets) moved up by what the previous
/// passes added, so a long soak test against a short recording sees no counter resets. Gauges,
/// `_created` samples and `process_start_time_seconds` stay as recorded.
///
/// Per series, the increment per pass is `last - first` over the window (the value a pass ends
/// on becomes where the next one starts), or `last` when the series reset inside the window (the
/// next pass then goes on from its last value as after a reset); pass `p` adds `p` increments.
struct CounterContinuation: Sendable {
  /// Per target id, the increment per pass of each counter series, keyed by the series' text
  /// (name and labels as written).
  let increments: [UInt32: [[UInt8]: Double]]

  /// Measures every target's counters over the frames the replay serves (`positions` per
  /// target, in time order).
  init(reader: ArchiveReader, positions: [UInt32: [Int]]) {
    var increments: [UInt32: [[UInt8]: Double]] = [:]
    for (target, list) in positions {
      var first: [[UInt8]: Double] = [:]
      var last: [[UInt8]: Double] = [:]
      for position in list {
        guard let frame = try? reader.frame(atPosition: position), Self.isServedBody(frame) else { continue }
        Self.forEachCounter(in: frame) { key, value, _ in
          if first[key] == nil { first[key] = value }
          last[key] = value
        }
      }
      var own: [[UInt8]: Double] = [:]
      for (key, end) in last {
        let start = first[key] ?? end
        let step = end >= start ? end - start : end
        if step != 0 && step.isFinite { own[key] = step }
      }
      increments[target] = own
    }
    self.increments = increments
  }

  /// `frame`'s body for pass `pass` (unchanged in the first pass and for failed scrapes).
  func body(of frame: Frame, pass: Int64) -> [UInt8] {
    guard pass > 0, Self.isServedBody(frame), let own = increments[frame.targetID], !own.isEmpty else {
      return frame.body
    }
    var out: [UInt8] = []
    out.reserveCapacity(frame.body.count + frame.body.count / 16)
    var copied = 0
    Self.forEachCounter(in: frame) { key, value, valueRange in
      guard let step = own[key] else { return }
      out.append(contentsOf: frame.body[copied..<valueRange.lowerBound])
      out.append(contentsOf: ExpositionWriter.formatValue(value + step * Double(pass)).utf8)
      copied = valueRange.upperBound
    }
    out.append(contentsOf: frame.body[copied...])
    return out
  }

  static func isServedBody(_ frame: Frame) -> Bool {
    if case .response(let status) = frame.outcome { return (200..<300).contains(status) }
    return false
  }

  /// Calls `body` with each counter sample's key, value and value text range; stops quietly at
  /// a line the parser rejects (the rest is served as recorded).
  static func forEachCounter(in frame: Frame, _ body: ([UInt8], Double, Range<Int>) -> Void) {
    var parser = ExpositionParser(
      bytes: frame.body, format: ExpositionFormat(contentType: frame.contentType), strict: false)
    var family: [UInt8] = []
    var type = MetricType.unknown
    while let entry = try? parser.next() {
      switch entry {
      case .type:
        family = Array(frame.body[parser.name])
        type = parser.metricType
      case .sample:
        let name = frame.body[parser.name]
        guard isCounter(name: name, family: family, type: type), parser.value.isFinite else { continue }
        // The series' text: from its name to the end of its labels.
        let key = Array(frame.body[parser.name.lowerBound..<keyEnd(parser)])
        body(key, parser.value, parser.valueText)
      default: continue
      }
    }
  }

  /// Where a sample's name and labels end: after its closing brace, or its name.
  static func keyEnd(_ parser: ExpositionParser) -> Int {
    var end = max(parser.name.upperBound, parser.labels.last.map { $0.value.upperBound + 1 } ?? 0)
    while end < parser.valueText.lowerBound, parser.bytes[end] != UInt8(ascii: " ") { end += 1 }
    return end
  }

  /// Whether a sample named `name` in a family `family` of `type` counts up.
  static func isCounter(name: ArraySlice<UInt8>, family: [UInt8], type: MetricType) -> Bool {
    guard name.starts(with: family) else { return false }
    let suffix = String(decoding: name.dropFirst(family.count), as: UTF8.self)
    switch type {
    case .counter: return suffix == "" || suffix == "_total"
    case .histogram: return suffix == "_bucket" || suffix == "_count" || suffix == "_sum"
    case .summary: return suffix == "_count" || suffix == "_sum"
    default: return false
    }
  }
}
