/// How the evaluator reads samples: Prometheus's lookback and staleness rules, written once, for
/// instant and range queries alike. Reads go through the query's ``Selections`` (one fetch per
/// planned node) and fall back to the storage for what the plan does not cover.
extension Evaluation {
  /// The first sample time an instant selector read at `end` may use: one lookback earlier,
  /// left edge excluded under Prometheus 3 (`(end - lookback, end]`).
  @inline(__always)
  func lookbackStart(_ end: Int64) -> Int64 {
    end &- engine.lookbackDelta &+ engine.leftEdgeExclusion
  }

  /// The position of the sample an instant selector takes from one series: the newest one before
  /// `upper` (the first position past the read time, within `lower..<upper`), if it is not older
  /// than `start` and not a staleness marker (a series marked stale has no value until it
  /// returns).
  @inline(__always)
  static func newestSample(
    _ times: [Int64], _ values: [Double], lower: Int, upper: Int, notBefore start: Int64
  ) -> Int? {
    guard upper > lower, times[upper - 1] >= start, !StaleMarker.isStale(values[upper - 1]) else {
      return nil
    }
    return upper - 1
  }

  /// The samples an instant selector reads at `end` (its `@` and offset applied): per series its
  /// newest sample in the lookback window, unless that is a staleness marker.
  func latestSamples(_ selector: VectorSelector, at end: Int64) -> [VectorSample] {
    let start = lookbackStart(end)
    guard let slot = selections.slot(of: selector, covering: start, end) else {
      return Evaluation.latestSamples(
        engine.storage.select(matchers: selector.matchers, start: start, end: end), start, end)
    }
    return Evaluation.latestSamples(selections.series(slot), start, end)
  }

  /// ``latestSamples(_:at:)`` for matchers no node of the plan has (`info`'s lookups).
  func latestSamples(matching matchers: [LabelMatcher], at end: Int64) -> [VectorSample] {
    let start = lookbackStart(end)
    return Evaluation.latestSamples(
      engine.storage.select(matchers: matchers, start: start, end: end), start, end)
  }

  /// Per series of `selection`, which may hold samples outside `[start, end]`, the newest sample
  /// in it, if not stale; sample times are kept.
  static func latestSamples(_ selection: [Series], _ start: Int64, _ end: Int64) -> [VectorSample] {
    var samples: [VectorSample] = []
    for series in selection {
      let times = series.timestamps
      let upper = InMemoryStorage.firstIndex(in: times) { $0 > end }
      guard let newest = newestSample(times, series.values, lower: 0, upper: upper, notBefore: start) else {
        continue
      }
      samples.append(
        VectorSample(labels: series.labels, value: series.values[newest], timestamp: times[newest]))
    }
    return samples
  }

  /// Every series `selector` selects with samples in `[start, end]`, just those samples,
  /// staleness markers included.
  func series(_ selector: VectorSelector, from start: Int64, through end: Int64) -> [Series] {
    guard let slot = selections.slot(of: selector, covering: start, end) else {
      return engine.storage.select(matchers: selector.matchers, start: start, end: end)
    }
    return Selections.slice(selections.series(slot), start: start, end: end)
  }

  /// The windows `[start, end]` of the series `selector` selects, without staleness markers,
  /// as views into the node's selection when the plan has it (each window then knows its slot
  /// and series, so folds can carry on from step to step).
  func freshWindows(_ selector: VectorSelector, from start: Int64, through end: Int64) -> [SeriesWindow] {
    var result: [SeriesWindow] = []
    guard let slot = selections.slot(of: selector, covering: start, end) else {
      for series in engine.storage.select(matchers: selector.matchers, start: start, end: end) {
        if let fresh = Selections.withoutStaleMarkers(series) { result.append(SeriesWindow(fresh)) }
      }
      return result
    }
    for (position, series) in selections.freshSeries(slot).enumerated() {
      let lower = InMemoryStorage.firstIndex(in: series.timestamps) { $0 >= start }
      let upper = InMemoryStorage.firstIndex(in: series.timestamps) { $0 > end }
      guard lower < upper else { continue }
      result.append(
        SeriesWindow(
          labels: series.labels, timestamps: series.timestamps[lower..<upper],
          values: series.values[lower..<upper], origin: (slot, position)))
    }
    return result
  }
}
