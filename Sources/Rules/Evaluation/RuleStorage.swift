public import PromQL
import Synchronization

/// The storage rules are evaluated over: the recorded (or test input) series, plus every sample
/// the rules have written so far, so a recording rule's output is visible to later rules and
/// groups at the same timestamp, as it is in Prometheus's TSDB.
public final class RuleStorage: Storage {
  private struct Written {
    var labels: Labels
    var timestamps: [Int64] = []
    var values: [Double] = []
  }

  private struct State {
    var series: [Written] = []
    var positions: [Labels: Int] = [:]
    /// Positions by metric name, so a selector with a name looks at its own series only.
    var byName: [String: [Int]] = [:]
    /// Samples of the base storage after this time are not visible yet (promtool loads its
    /// input series lazily, up to each evaluation time); nil shows all.
    var baseVisibleUntil: Int64?
  }

  /// The recorded or input series.
  public let base: any Storage
  private let state = Mutex(State())

  /// Rules over `base`.
  public init(base: any Storage) {
    self.base = base
  }

  /// Hides base samples after `time` (nil: none hidden).
  public func showBase(until time: Int64?) {
    state.withLock { $0.baseVisibleUntil = time }
  }

  /// Appends one sample written by a rule. Samples of one series must come in time order; one at
  /// the same time as the last replaces nothing and is dropped, as Prometheus drops duplicates.
  public func append(_ labels: Labels, time: Int64, value: Double) {
    state.withLock { state in
      if let position = state.positions[labels] {
        guard let last = state.series[position].timestamps.last, last < time else { return }
        state.series[position].timestamps.append(time)
        state.series[position].values.append(value)
        return
      }
      let position = state.series.count
      state.series.append(Written(labels: labels, timestamps: [time], values: [value]))
      state.positions[labels] = position
      state.byName[labels.metricName ?? "", default: []].append(position)
    }
  }

  /// Every series the rules wrote, sorted by labels.
  public var writtenSeries: [Series] {
    state.withLock { state in
      state.series.map { Series(labels: $0.labels, timestamps: $0.timestamps, values: $0.values) }
    }
    .sorted { Labels.precedes($0.labels, $1.labels) }
  }

  public func select(matchers: [LabelMatcher], start: Int64, end: Int64) -> [Series] {
    let (visible, written) = state.withLock { state -> (Int64?, [Series]) in
      var candidates: [Int]
      if let name = matchers.first(where: { $0.name == LabelMatcher.metricNameLabel && $0.type == .equal }) {
        candidates = state.byName[name.value] ?? []
      } else {
        candidates = Array(state.series.indices)
      }
      var result: [Series] = []
      for position in candidates {
        let series = state.series[position]
        guard Series.labels(series.labels, match: matchers) else { continue }
        let lower = InMemoryStorage.firstIndex(in: series.timestamps) { $0 >= start }
        let upper = InMemoryStorage.firstIndex(in: series.timestamps) { $0 > end }
        guard lower < upper else { continue }
        result.append(
          Series(
            labels: series.labels, timestamps: Array(series.timestamps[lower..<upper]),
            values: Array(series.values[lower..<upper])))
      }
      return (state.baseVisibleUntil, result)
    }
    let baseEnd = visible.map { min($0, end) } ?? end
    let fromBase = baseEnd < start ? [] : base.select(matchers: matchers, start: start, end: baseEnd)
    if written.isEmpty { return fromBase }
    if fromBase.isEmpty { return written.sorted { Labels.precedes($0.labels, $1.labels) } }
    return merge(fromBase, written)
  }

  /// Base and written series side by side; a label set in both (a rule writing a recorded name)
  /// gets the samples of both in time order.
  private func merge(_ base: [Series], _ written: [Series]) -> [Series] {
    var byLabels: [Labels: Series] = [:]
    for series in base { byLabels[series.labels] = series }
    for series in written {
      guard let existing = byLabels[series.labels] else {
        byLabels[series.labels] = series
        continue
      }
      var points = zip(existing.timestamps, existing.values).map { ($0, $1) }
      points += zip(series.timestamps, series.values).map { ($0, $1) }
      points.sort { $0.0 < $1.0 }
      byLabels[series.labels] = Series(
        labels: series.labels, timestamps: points.map(\.0), values: points.map(\.1))
    }
    return byLabels.values.sorted { Labels.precedes($0.labels, $1.labels) }
  }
}
