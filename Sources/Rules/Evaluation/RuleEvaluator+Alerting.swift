import PromQL

extension RuleEvaluator {
  /// One evaluation of an alerting rule, as `AlertingRule.Eval` does it: the alerts of this
  /// evaluation merged into the active ones, transitions applied, and the `ALERTS` and
  /// `ALERTS_FOR_STATE` samples of every pending or firing alert returned.
  func evaluateAlerting(_ rule: Rule, state: inout RuleState, at time: Int64, offset: Int64, limit: Int)
    throws(EvaluationError) -> [VectorSample]
  {
    let queryTime = time - offset
    let samples = try query(rule.expr, at: queryTime)
    var current: [Labels: AlertInstance] = [:]
    let templateQuery = templateQuery(at: queryTime)
    for sample in samples {
      let sampleLabels = Dictionary(sample.labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
      let expand = { (text: String) -> String in
        AlertTemplating.expand(
          alert: rule.name, text: text, labels: sampleLabels, value: sample.value,
          externalLabels: options.externalLabels, externalURL: options.externalURL, time: time,
          query: templateQuery)
      }
      var labels = sample.labels.removing([LabelMatcher.metricNameLabel])
      for label in rule.labels { labels = labels.setting(label.name, to: expand(label.value)) }
      labels = labels.setting("alertname", to: rule.name)
      let annotations = Labels(rule.annotations.map { ($0.name, expand($0.value)) })
      guard current[labels] == nil else {
        throw EvaluationError("vector contains metrics with the same labelset after applying alert labels")
      }
      current[labels] = AlertInstance(
        labels: labels, annotations: annotations, state: .pending, activeAt: time, value: sample.value)
    }
    for (labels, alert) in current {
      if var existing = state.active[labels], existing.state != .inactive {
        existing.value = alert.value
        existing.annotations = alert.annotations
        state.active[labels] = existing
      } else {
        state.active[labels] = alert
      }
    }
    var output: [VectorSample] = []
    var activeCount = 0
    for labels in Array(state.active.keys) {
      guard var alert = state.active[labels] else { continue }
      if current[labels] == nil {
        var keepFiring = false
        if alert.state == .firing && rule.keepFiringFor > 0 {
          let since = alert.keepFiringSince ?? time
          alert.keepFiringSince = since
          keepFiring = time - since < rule.keepFiringFor
        }
        if alert.state == .pending
          || (alert.resolvedAt.map { time - $0 > RuleEvaluator.resolvedRetention } ?? false)
        {
          state.active[labels] = nil
          continue
        }
        if alert.state != .inactive && !keepFiring {
          alert.state = .inactive
          alert.resolvedAt = time
        }
        state.active[labels] = alert
        if !keepFiring { continue }
      } else {
        alert.keepFiringSince = nil
      }
      activeCount += 1
      if alert.state == .pending && time - alert.activeAt >= rule.holdDuration {
        alert.state = .firing
        alert.firedAt = time
      }
      state.active[labels] = alert
      output.append(alertSample(alert, rule: rule, at: queryTime))
      output.append(forStateSample(alert, rule: rule, at: queryTime))
    }
    if limit > 0 && activeCount > limit {
      state.active = [:]
      throw EvaluationError("exceeded limit of \(limit) with \(activeCount) alerts")
    }
    return output
  }

  private func alertSample(_ alert: AlertInstance, rule: Rule, at time: Int64) -> VectorSample {
    let labels = alert.labels.setting(LabelMatcher.metricNameLabel, to: "ALERTS")
      .setting("alertname", to: rule.name).setting("alertstate", to: alert.state.rawValue)
    return VectorSample(labels: labels, value: 1, timestamp: time)
  }

  private func forStateSample(_ alert: AlertInstance, rule: Rule, at time: Int64) -> VectorSample {
    let labels = alert.labels.setting(LabelMatcher.metricNameLabel, to: "ALERTS_FOR_STATE")
      .setting("alertname", to: rule.name)
    // Go's `ActiveAt.Unix()`: whole seconds, rounded down.
    let seconds = alert.activeAt >= 0 ? alert.activeAt / 1000 : (alert.activeAt - 999) / 1000
    return VectorSample(labels: labels, value: Double(seconds), timestamp: time)
  }
}
