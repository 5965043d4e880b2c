import Archive
public import Dashboards
import Exposition
public import PromQL
public import SeriesStore

/// Evaluates PromQL in-process over a `.rayrec` recording, with Prometheus's scrape semantics.
public struct ArchiveBackend: QueryBackend {
  /// The archive path.
  public let name: String
  /// The series built from it (without ``labels`` when those are added at query time).
  public let store: SeriesStore
  /// The engine over `store`.
  public let queryEngine: Engine
  public let scrapeIntervalMs: Int64
  /// Set when the archive was not closed cleanly: what it holds and how to repair it.
  public let unfinishedWarning: String?
  /// Set when frames did not decode and were skipped: which, and how to repair the archive.
  public var damagedWarning: String? { store.damagedFrames.warning(path: name) }

  /// Labels added at query time (over a store loaded without them), if any.
  public let labels: [String: String]

  /// The same recording with `labels` added to every series at query time: no second load.
  /// Nil when a series already carries one of them (then Prometheus would rename the scraped
  /// label to `exported_<name>`, which only a load with the labels reproduces).
  public func adding(labels extra: [String: String]) -> ArchiveBackend? {
    guard !extra.isEmpty, labels.isEmpty else { return labels == extra ? self : nil }
    let names = extra.keys.sorted()
    guard !LabeledStorage.collides(store, names: names) else { return nil }
    let storage = LabeledStorage(
      base: store, extra: names.map { PromQL.Label(name: $0, value: extra[$0] ?? "") })
    return ArchiveBackend(self, labels: extra, engine: Engine(storage: storage))
  }

  private init(_ base: ArchiveBackend, labels: [String: String], engine: Engine) {
    name = base.name
    store = base.store
    queryEngine = engine
    scrapeIntervalMs = base.scrapeIntervalMs
    unfinishedWarning = base.unfinishedWarning
    self.labels = labels
  }

  /// Reads `path`, adding `labels` to every target (as Prometheus relabelling would).
  public init(path: String, labels: [String: String] = [:]) throws {
    self.labels = labels
    let reader = try ArchiveReader(path: path)
    var options = SeriesStoreOptions()
    options.extraLabels = labels.sorted { $0.key < $1.key }.map { Exposition.Label($0.key, $0.value) }
    store = try SeriesStore(reader: reader, options: options)
    queryEngine = Engine(storage: store)
    name = path
    unfinishedWarning = reader.unfinishedWarning
    scrapeIntervalMs = reader.targets.map(\.intervalMs).filter { $0 > 0 }.min() ?? 15_000
  }

  public var startMs: Int64 { store.startMs }
  public var endMs: Int64 { store.endMs }
  /// The engine with the running test's ``QueryLimits``.
  public var engine: Engine? { QueryLimits.current.applied(to: queryEngine) }
  /// The engine with the running test's ``QueryLimits``.
  public var service: any QueryService { QueryLimits.current.applied(to: queryEngine) }

  public func instantQuery(_ query: String, at time: Int64) throws -> Value {
    try QueryLimits.current.applied(to: queryEngine).instantQuery(Parser.parse(query), at: time)
  }

  public func rangeQuery(_ query: String, start: Int64, end: Int64, step: Int64) throws -> [Series] {
    try QueryLimits.current.applied(to: queryEngine).rangeQuery(
      Parser.parse(query), start: start, end: end, step: step)
  }
}
