public import Archive
import Dispatch
import Exposition
public import PromQL
public import Rules
public import SeriesStore
import Synchronization

/// What `rayrec serve` answers from: one or more recordings read as Prometheus would have
/// scraped them, their targets and metadata, and optionally rules evaluated over them. Built once,
/// then read by any number of requests at a time.
public final class ServedRecording: Sendable {
  /// One archive to serve, with the labels to put on its targets.
  public struct Source: Sendable {
    /// The opened archive.
    public var reader: ArchiveReader
    /// Extra target labels for this archive (e.g. `incident=...`), after the shared ones.
    public var labels: [(name: String, value: String)]
    /// Creates the value from its parts.
    public init(reader: ArchiveReader, labels: [(name: String, value: String)] = []) {
      self.reader = reader
      self.labels = labels
    }
  }

  /// How recordings become series, and how rules run over them.
  public struct Options: Sendable {
    /// Series store options (staleness, Prometheus 2 label forms, shared extra labels).
    public var store = SeriesStoreOptions()
    /// Prometheus 2 query semantics (`--compat 2`).
    public var prometheus2 = false
    /// Rule files evaluated over the whole recording (`--rules`).
    public var ruleFiles: [RuleFile] = []
    /// How rules are evaluated.
    public var ruleOptions = RuleEvaluationOptions()
    /// Added to every recorded time (ms): `--time-shift now` serves the recording as if it ended now.
    public var timeShift: Int64 = 0
    /// Defaults.
    public init() {}
  }

  /// The storage queries read: every recording (shifted), plus what the rules wrote.
  public let storage: any Storage
  /// Every series, for the metadata endpoints (labels, series); times not shifted.
  let series: [Series]
  /// Added to recorded times (ms).
  public let shift: Int64
  /// First and last recorded time, shifted (Unix ms).
  public let startMs: Int64
  public let endMs: Int64
  /// What the loader skipped (damaged frames, per recording), for the server to print.
  public let warnings: [String]
  /// Metric metadata by family name, as the last successful scrape of each target gave it.
  let metadata: [String: [RecordedMetadata]]
  /// The recorded targets as Prometheus's target list shows them.
  let targets: [TargetStatus]
  /// The rules' state after the last evaluation (nil without rules).
  let rules: RuleEvaluator?
  /// The rule files and options, to evaluate again up to another time.
  let ruleFiles: [RuleFile]
  let ruleOptions: RuleEvaluationOptions
  /// The unshifted base storage the rules run over.
  let recorded: any Storage
  /// The options it was built with.
  public let options: Options

  /// Reads every source; several archives are ingested in parallel, one thread each.
  public init(sources: [Source], options: Options) throws {
    self.options = options
    var stores: [SeriesStore] = []
    var targets: [TargetStatus] = []
    var metadata: [String: Set<RecordedMetadata>] = [:]
    let optionsBySource = sources.map { source in
      var storeOptions = options.store
      storeOptions.extraLabels += source.labels.map { Exposition.Label($0.name, $0.value) }
      return storeOptions
    }
    let built = Mutex([Result<SeriesStore, any Error>?](repeating: nil, count: sources.count))
    DispatchQueue.concurrentPerform(iterations: sources.count) { index in
      let result = Result { try SeriesStore(reader: sources[index].reader, options: optionsBySource[index]) }
      built.withLock { $0[index] = result }
    }
    for (index, source) in sources.enumerated() {
      let storeOptions = optionsBySource[index]
      guard let result = built.withLock({ $0[index] }) else { continue }
      stores.append(try result.get())
      for target in source.reader.targets {
        let labels = TargetLabels(target, extra: storeOptions.extraLabels)
        let status = TargetStatus(
          reader: source.reader, target: target, labels: labels, shift: options.timeShift)
        targets.append(status)
        for entry in status.metadata { metadata[entry.metric, default: []].insert(entry) }
      }
    }
    warnings = zip(sources, stores).compactMap { $1.damagedFrames.warning(path: $0.reader.path) }
    let base: any Storage = stores.count == 1 ? stores[0] : UnionStorage(stores)
    recorded = base
    let start = stores.map(\.startMs).min() ?? 0
    let end = stores.map(\.endMs).max() ?? 0
    var all = stores.count == 1 ? stores[0].series : stores.flatMap(\.series)
    ruleFiles = options.ruleFiles
    ruleOptions = options.ruleOptions
    var queryBase = base
    if options.ruleFiles.isEmpty {
      rules = nil
    } else {
      let timeline = RuleTimeline.evaluate(
        files: options.ruleFiles, storage: base, start: start, end: end, options: options.ruleOptions)
      rules = timeline.evaluator
      queryBase = timeline.evaluator.storage
      all += timeline.evaluator.storage.writtenSeries
    }
    if stores.count > 1 || rules != nil { all.sort { Labels.precedes($0.labels, $1.labels) } }
    series = all
    shift = options.timeShift
    storage =
      shift == 0
      ? queryBase : ShiftedStorage(base: queryBase, shift: shift, window: Int64.min...Int64.max)
    startMs = start &+ shift
    endMs = end &+ shift
    self.targets = targets
    self.metadata = metadata.mapValues {
      $0.sorted { ($0.type.rawValue, $0.help) < ($1.type.rawValue, $1.help) }
    }
  }

  /// The rules' state as of `time` (shifted Unix ms): the state at the end, or the rules
  /// evaluated again from the start of the recording up to `time`.
  func rules(asOf time: Int64?) -> RuleEvaluator? {
    guard let rules else { return nil }
    guard let time, time < endMs else { return rules }
    let timeline = RuleTimeline.evaluate(
      files: ruleFiles, storage: recorded, start: startMs &- shift, end: time &- shift, options: ruleOptions)
    return timeline.evaluator
  }

  /// The series with at least one sample in `start...end` (shifted ms) matching any of
  /// `matcherSets` (all series when it is empty), each once, sorted by labels.
  func series(matching matcherSets: [[LabelMatcher]], start: Int64, end: Int64) -> [Labels] {
    let (from, o1) = start.subtractingReportingOverflow(shift)
    let (to, o2) = end.subtractingReportingOverflow(shift)
    let lower = o1 ? (shift > 0 ? Int64.min : Int64.max) : from
    let upper = o2 ? (shift > 0 ? Int64.min : Int64.max) : to
    var out: [Labels] = []
    for candidate in series {
      if !matcherSets.isEmpty,
        !matcherSets.contains(where: { Series.labels(candidate.labels, match: $0) })
      {
        continue
      }
      let times = candidate.timestamps
      let first = InMemoryStorage.firstIndex(in: times) { $0 >= lower }
      guard first < times.count, times[first] <= upper else { continue }
      out.append(candidate.labels)
    }
    return out
  }
}

extension ServedRecording {
  /// How many targets the recordings hold.
  public var targetCount: Int { targets.count }
  /// How many series are served (rule output included).
  public var seriesCount: Int { series.count }
}
