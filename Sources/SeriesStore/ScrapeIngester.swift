import Archive
import Exposition
import Foundation
import PromQL

/// Turns frames into series with Prometheus's scrape semantics (see ``SeriesStore``).
struct ScrapeIngester {
  let reader: ArchiveReader
  let options: SeriesStoreOptions

  /// The series so far, by index (internal: ``drain()`` lives in its own file).
  var builders: [Builder] = []
  private var byLabels: [Labels: Int] = [:]
  private var targets: [UInt32: TargetState] = [:]
  private var first = Int64.max
  private var last = Int64.min
  /// Successful scrapes read by parsing their text, and through a template.
  private(set) var parsedScrapes = 0
  private(set) var reusedScrapes = 0
  private(set) var lineReadScrapes = 0
  /// Frames skipped because they did not decode.
  private(set) var damaged = DamagedFrames()

  struct Builder {
    var labels: Labels
    var timestamps: [Int64] = []
    var values: [Double] = []
    /// The newest sample's time and value, kept when ``drain()`` hands the arrays out (a later
    /// sample must still be newer, and a stale series is not marked again).
    var lastTime: Int64?
    var lastValue: Double?
  }

  /// A series as a scrape spelled it, and where it went.
  struct CachedSeries {
    /// The series' raw text: name, then each label name and value, with separator bytes.
    var key: [UInt8]
    /// The family's type when it decides the series' labels (histogram and summary bounds are
    /// normalised), `.unknown` otherwise.
    var kind: MetricType
    /// The series, an index into the store's builders.
    var index: Int
  }

  /// What one target's previous scrape left behind.
  struct TargetState {
    var base: [Exposition.Label]
    var labeler: TargetLabels
    var intervalMs: Int64
    /// Series of the previous successful scrape that carried no explicit timestamp.
    var previous: Set<Int> = []
    /// Raw series text (hash) → candidates: Prometheus's scrape cache.
    var cache: [Int: [CachedSeries]] = [:]
    /// The previous scrape's samples in order: a target usually exposes the same series in the
    /// same order, so the sample after the last one found is tried first, without hashing.
    var order: [CachedSeries] = []
    var lastFrameMs: Int64?
    var reportSeries: [Int] = []
    /// The last parsed body's samples by value token (see ``ScrapeTemplate``).
    var template: ScrapeTemplate?
    /// Whether `previous` is exactly `template.current` (so a scrape read through the
    /// template adds no series and makes none stale).
    var previousIsTemplate = false
  }

  init(reader: ArchiveReader, options: SeriesStoreOptions) {
    self.reader = reader
    self.options = options
    for target in reader.targets {
      let labeler = TargetLabels(target, extra: options.extraLabels)
      targets[target.id] = TargetState(base: labeler.labels, labeler: labeler, intervalMs: target.intervalMs)
    }
  }

  mutating func ingestAll() {
    if options.overlapDecoding {
      let frames = DecodedFrames(reader: reader)
      while let (frame, layout) = frames.next() { ingest(frame, layout) }
      damaged = frames.damaged
    } else {
      var cursor = reader.makeCursor()
      ingest(&cursor, before: .max)
    }
    markStoppedTargets()
  }

  /// Ingests the frames from the cursor's position on while their scrape started before `time`
  /// (file order, which is the order frames were recorded in).
  mutating func ingest(_ cursor: inout FrameCursor, before time: Int64) {
    while cursor.position < reader.frames.count, reader.frames[cursor.position].timeMs < time,
      let (frame, layout) = cursor.nextIntact(skipping: &damaged)
    {
      ingest(frame, layout)
    }
  }

  /// After the last frame: marks the series of targets that stopped early stale.
  mutating func markStoppedTargets() {
    // A target that stopped being scraped before the end: Prometheus marks its series stale when
    // its scrape loop stops (one interval after the last scrape is as close as we can tell).
    guard options.staleness else { return }
    for (id, state) in targets {
      guard let lastFrame = state.lastFrameMs, state.intervalMs > 0 else { continue }
      let stopped = lastFrame + state.intervalMs
      if stopped < last {
        for index in state.previous.union(state.reportSeries) { appendStale(index, at: stopped) }
        targets[id]?.previous = []
        targets[id]?.previousIsTemplate = false
      }
    }
  }

  mutating func finish() -> ([PromQL.Series], Int64, Int64) {
    let series = builders.map {
      PromQL.Series(labels: $0.labels, timestamps: $0.timestamps, values: $0.values)
    }
    return (series, first == .max ? 0 : first, last == .min ? 0 : last)
  }

  // MARK: One frame

  private mutating func ingest(_ frame: Frame, _ layout: FrameLayout) {
    guard var state = targets[frame.targetID] else { return }
    let t = frame.timeMs
    first = min(first, t)
    last = max(last, t)
    let healthy = !frame.outcome.isFailure
    if healthy && options.reuseLayouts, var template = state.template,
      template.contentType == frame.contentType, layout.hasSameSkeleton(as: template.layout),
      template.read(body: frame.body, layout: layout)
    {
      ingestThroughTemplate(template, frame, &state)
      state.template = template
      reusedScrapes += 1
    } else if healthy && options.reuseLayouts, let template = state.template, let lines = template.lines,
      template.contentType == frame.contentType, layout.skeleton != nil,
      let read = readLines(frame, layout, template, lines, &state)
    {
      lineReadScrapes += 1
      ingestParsed(frame, layout, healthy: true, read: read, &state)
    } else {
      ingestParsed(frame, layout, healthy: healthy, read: nil, &state)
    }
    state.lastFrameMs = t
    targets[frame.targetID] = state
  }

  /// A scrape whose body is the template's skeleton with new values: the template's samples,
  /// no series added or gone.
  private mutating func ingestThroughTemplate(
    _ template: ScrapeTemplate, _ frame: Frame, _ state: inout TargetState
  ) {
    let t = frame.timeMs
    for position in template.series.indices where template.firstOfSeries[position] {
      append(template.series[position], template.explicitTimes[position] ?? t, template.values[position])
    }
    var added = 0
    if !state.previousIsTemplate {
      if options.staleness {
        for index in state.previous.subtracting(template.current) { appendStale(index, at: t) }
      }
      added = template.current.subtracting(state.previous).count
      state.previous = template.current
      state.previousIsTemplate = true
    }
    appendReport(
      healthy: true, durationMicros: frame.durationMicros, samples: template.series.count, added: added, t,
      &state)
  }

  /// `up` and the `scrape_*` series of one scrape.
  private mutating func appendReport(
    healthy: Bool, durationMicros: Int64, samples: Int, added: Int, _ t: Int64, _ state: inout TargetState
  ) {
    let report: [(String, Double)] = [
      ("up", healthy ? 1 : 0),
      ("scrape_duration_seconds", Double(durationMicros) / 1e6),
      ("scrape_samples_scraped", Double(healthy ? samples : 0)),
      ("scrape_samples_post_metric_relabeling", Double(healthy ? samples : 0)),
      ("scrape_series_added", Double(healthy ? added : 0)),
    ]
    if state.reportSeries.count == report.count {
      for (index, entry) in zip(state.reportSeries, report) { append(index, t, entry.1) }
      return
    }
    state.reportSeries = report.map { name, value in
      let index = seriesIndex(name: name, labels: state.base)
      _ = append(index, t, value)
      return index
    }
  }

  /// A scrape read by parsing its text (Prometheus's own path); leaves a template behind when the
  /// body parsed.
  private mutating func ingestParsed(
    _ frame: Frame, _ layout: FrameLayout, healthy wasHealthy: Bool, read: LineRead?,
    _ state: inout TargetState
  ) {
    let t = frame.timeMs
    var notes = read ?? LineRead()
    var pending = notes.pending
    var current = notes.current
    notes.pending = []
    var healthy = wasHealthy
    if healthy && read == nil {
      parsedScrapes += 1
      do {
        try parse(frame, &state, &pending, &current, &notes)
      } catch {
        // A body Prometheus cannot parse fails the whole scrape; nothing of it is kept.
        healthy = false
        pending.removeAll()
        current.removeAll()
      }
    }
    var seen: Set<Int> = []
    for sample in pending where seen.insert(sample.index).inserted {
      append(sample.index, sample.time ?? t, sample.value)
    }
    if options.staleness {
      for index in state.previous.subtracting(current) { appendStale(index, at: t) }
    }
    let added = current.subtracting(state.previous).count
    state.previous = current
    state.previousIsTemplate = false
    if healthy && options.reuseLayouts && layout.skeleton != nil {
      state.template = ScrapeTemplate(
        body: frame.body, layout: layout, contentType: frame.contentType, samples: pending, current: current,
        notes: ExpositionFormat(contentType: frame.contentType) == .text ? notes : nil)
      state.previousIsTemplate = true
    }
    appendReport(
      healthy: healthy, durationMicros: frame.durationMicros, samples: pending.count, added: added, t, &state)
  }

  private mutating func parse(
    _ frame: Frame, _ state: inout TargetState,
    _ pending: inout [(index: Int, time: Int64?, value: Double, text: Range<Int>)],
    _ current: inout Set<Int>, _ notes: inout LineRead
  ) throws {
    var parser = ExpositionParser(
      bytes: frame.body, format: ExpositionFormat(contentType: frame.contentType), strict: false)
    var currentType = MetricType.unknown
    var order: [CachedSeries] = []
    order.reserveCapacity(state.order.count)
    var resume = Resume()
    defer { state.order = order }
    while let entry = try parser.next() {
      switch entry {
      case .type:
        currentType = parser.metricType
        notes.typeLines.append((parser.currentLine, currentType))
      case .sample:
        let index = cachedIndex(&parser, currentType, &state, &order, &resume)
        pending.append((index, parser.timestamp, parser.value, parser.valueText))
        if parser.timestamp == nil { current.insert(index) }
        notes.sampleLines.append(parser.currentLine)
        notes.kinds.append(kind(of: currentType))
      default: break
      }
    }
  }

  /// The series of the parser's current sample, through the target's cache of raw series text,
  /// so a series seen before costs a hash and a byte comparison, not a label set.
  private mutating func cachedIndex(
    _ parser: inout ExpositionParser, _ type: MetricType, _ state: inout TargetState,
    _ order: inout [CachedSeries], _ resume: inout Resume
  ) -> Int {
    let kind = kind(of: type)
    let cursor = resume.cursor
    if cursor < state.order.count, state.order[cursor].kind == kind,
      Self.rawKeyEquals(parser, state.order[cursor].key)
    {
      order.append(state.order[cursor])
      resume.cursor += 1
      return state.order[cursor].index
    }
    let index = hashedIndex(&parser, type, kind, &state, &order)
    // Pick up the previous order after this series, wherever it was in it.
    if let position = resume.position(of: index, in: state.order) { resume.cursor = position + 1 }
    return index
  }

  /// The type a sample's labels are read under: histogram and summary bounds are normalised.
  func kind(of type: MetricType) -> MetricType {
    options.normalizeBucketLabels && (type == .histogram || type == .summary) ? type : .unknown
  }

  /// The series of a sample of a line parsed alone.
  mutating func lineSeries(_ parser: inout ExpositionParser, _ type: MetricType, _ state: inout TargetState)
    -> Int
  {
    var unused: [CachedSeries] = []
    return hashedIndex(&parser, type, kind(of: type), &state, &unused)
  }

  /// Where a scrape stands in the previous scrape's order.
  struct Resume {
    /// The position in the previous order to try next.
    var cursor = 0
    /// Series index → position in the previous order; built at the first miss of a scrape only,
    /// since most scrapes never miss.
    private var positions: [Int: Int]? = nil

    /// Where series `index` stood in the previous scrape's order, if it was there.
    mutating func position(of index: Int, in previous: [CachedSeries]) -> Int? {
      if positions == nil {
        var built: [Int: Int] = [:]
        built.reserveCapacity(previous.count)
        for (position, entry) in previous.enumerated() where built[entry.index] == nil {
          built[entry.index] = position
        }
        positions = built
      }
      return positions?[index]
    }
  }

  /// The series of the parser's current sample through the hash of its raw text.
  mutating func hashedIndex(
    _ parser: inout ExpositionParser, _ type: MetricType, _ kind: MetricType, _ state: inout TargetState,
    _ order: inout [CachedSeries]
  ) -> Int {
    var hasher = Hasher()
    hasher.combine(kind)
    parser.combineSeries(into: &hasher)
    let hash = hasher.finalize()
    if let candidates = state.cache[hash] {
      for candidate in candidates where candidate.kind == kind && Self.rawKeyEquals(parser, candidate.key) {
        order.append(candidate)
        return candidate.index
      }
    }
    var sample = parser.sample()
    if kind != .unknown {
      let labelName = type == .histogram ? "le" : "quantile"
      for i in sample.labels.indices where sample.labels[i].name == labelName {
        if let v = Double(sample.labels[i].value) {
          sample.labels[i].value = PrometheusFloatText.openMetrics(v)
        }
      }
    }
    let index = seriesIndex(name: sample.name, labels: state.labeler.apply(to: sample.labels))
    let cached = CachedSeries(key: Self.rawKey(parser), kind: kind, index: index)
    state.cache[hash, default: []].append(cached)
    order.append(cached)
    return index
  }

  private static func rawKey(_ parser: ExpositionParser) -> [UInt8] {
    var key: [UInt8] = []
    parser.bytes.withUnsafeBufferPointer { p in
      key += p[parser.name]
      for label in parser.labels {
        key.append(0xFF)
        key += p[label.name]
        key.append(0xFE)
        key += p[label.value]
      }
    }
    return key
  }

  private static func rawKeyEquals(_ parser: ExpositionParser, _ key: [UInt8]) -> Bool {
    parser.bytes.withUnsafeBufferPointer { p in
      key.withUnsafeBufferPointer { k in
        var offset = 0
        func take(_ range: Range<Int>) -> Bool {
          guard offset + range.count <= k.count else { return false }
          if !range.isEmpty,
            memcmp(p.baseAddress! + range.lowerBound, k.baseAddress! + offset, range.count) != 0
          {
            return false
          }
          offset += range.count
          return true
        }
        func mark(_ b: UInt8) -> Bool {
          guard offset < k.count, k[offset] == b else { return false }
          offset += 1
          return true
        }
        guard take(parser.name) else { return false }
        for label in parser.labels {
          guard mark(0xFF), take(label.name), mark(0xFE), take(label.value) else { return false }
        }
        return offset == k.count
      }
    }
  }

  private mutating func seriesIndex(name: String, labels: [Exposition.Label]) -> Int {
    var pairs = labels.map { PromQL.Label(name: $0.name, value: $0.value) }
    pairs.append(PromQL.Label(name: LabelMatcher.metricNameLabel, value: name))
    pairs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    let set = Labels(sortedUnique: pairs)
    if let index = byLabels[set] { return index }
    builders.append(Builder(labels: set))
    byLabels[set] = builders.count - 1
    return builders.count - 1
  }

  /// Appends in time order; an older or repeated timestamp is dropped, as Prometheus drops
  /// out-of-order and duplicate samples.
  @discardableResult
  private mutating func append(_ index: Int, _ time: Int64, _ value: Double) -> Bool {
    if let lastTime = builders[index].lastTime, time <= lastTime { return false }
    builders[index].timestamps.append(time)
    builders[index].values.append(value)
    builders[index].lastTime = time
    builders[index].lastValue = value
    return true
  }

  private mutating func appendStale(_ index: Int, at time: Int64) {
    guard let lastValue = builders[index].lastValue, !StaleMarker.isStale(lastValue) else { return }
    append(index, time, StaleMarker.value)
  }
}
