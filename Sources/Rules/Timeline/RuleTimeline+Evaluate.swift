public import PromQL

extension RuleTimeline {
  /// Evaluates `files` over `storage` from `start` to `end` (Unix ms): each group at its own
  /// interval (or `options.defaultInterval`), at multiples of it since the Unix epoch as a
  /// Prometheus started long ago would (without its per-group phase offset); groups due at the
  /// same time run in file order.
  public static func evaluate(
    files: [RuleFile], storage: any Storage, start: Int64, end: Int64,
    options: RuleEvaluationOptions = RuleEvaluationOptions()
  ) -> RuleTimeline {
    var evaluator = RuleEvaluator(files: files, base: storage, options: options)
    var tracker = EpisodeTracker()
    var failures: [RuleFailure] = []
    var failureCount = 0
    var evaluations = 0
    // Next due time per group.
    var due: [Int64] = evaluator.groups.indices.map { index in
      let interval = evaluator.interval(ofGroup: index)
      let aligned = start / interval * interval
      return aligned < start ? aligned &+ interval : aligned
    }
    while let time = due.min(), time <= end {
      for index in due.indices where due[index] == time {
        let groupFailures = evaluator.evaluate(group: index, at: time)
        evaluations += 1
        failureCount += groupFailures.count
        failures += groupFailures.prefix(max(0, 100 - failures.count))
        tracker.observe(evaluator, group: index, at: time)
        due[index] = time &+ evaluator.interval(ofGroup: index)
      }
    }
    let written = evaluator.storage.writtenSeries
    var recordings: [Recording] = []
    var silent: [String] = []
    for loaded in evaluator.groups {
      for rule in loaded.group.rules {
        switch rule.kind {
        case .recording(let record):
          var summary = Recording(record: record, group: loaded.group.name, series: 0, samples: 0, range: nil)
          for series in written where series.labels.metricName == record {
            summary.series += 1
            for value in series.values where !StaleMarker.isStale(value) {
              summary.samples += 1
              if value.isNaN { continue }
              summary.range =
                summary.range.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
            }
          }
          recordings.append(summary)
        case .alerting(let alert):
          if !tracker.episodes.contains(where: { $0.alert == alert && $0.group == loaded.group.name }) {
            silent.append(alert)
          }
        }
      }
    }
    return RuleTimeline(
      start: start, end: end, evaluations: evaluations,
      episodes: tracker.episodes.sorted { ($0.pendingAt, $0.alert) < ($1.pendingAt, $1.alert) },
      silentAlerts: silent, recordings: recordings, failures: failures, failureCount: failureCount,
      evaluator: evaluator)
  }
}

/// Follows alert instances from evaluation to evaluation and cuts their lives into episodes.
private struct EpisodeTracker {
  var episodes: [RuleTimeline.Episode] = []
  /// Open episodes by group, rule and labels.
  var open: [String: Int] = [:]

  mutating func observe(_ evaluator: RuleEvaluator, group: Int, at time: Int64) {
    let loaded = evaluator.groups[group]
    for (ruleIndex, rule) in loaded.group.rules.enumerated() where rule.isAlerting {
      var seen: Set<String> = []
      for alert in evaluator.allAlerts(group: group, rule: ruleIndex) {
        let key = "\(group)/\(ruleIndex)/\(alert.labels.description)"
        if alert.state == .inactive {
          if let index = open.removeValue(forKey: key) { episodes[index].endedAt = alert.resolvedAt ?? time }
          continue
        }
        seen.insert(key)
        let index: Int
        if let existing = open[key] {
          index = existing
        } else {
          index = episodes.count
          open[key] = index
          episodes.append(
            RuleTimeline.Episode(
              alert: rule.name, group: loaded.group.name, labels: alert.labels,
              annotations: alert.annotations,
              pendingAt: alert.activeAt, firedAt: nil, endedAt: nil, peak: alert.value))
        }
        episodes[index].annotations = alert.annotations
        if alert.state == .firing && episodes[index].firedAt == nil {
          episodes[index].firedAt = alert.firedAt ?? time
        }
        if !alert.value.isNaN { episodes[index].peak = max(episodes[index].peak, alert.value) }
      }
      let prefix = "\(group)/\(ruleIndex)/"
      for (key, index) in open where key.hasPrefix(prefix) && !seen.contains(key) {
        episodes[index].endedAt = time
        open[key] = nil
      }
    }
  }
}
