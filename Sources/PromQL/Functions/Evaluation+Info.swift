/// The experimental `info(v, {selector})`: adds the data labels of info series (default
/// `target_info`) that share `instance` and `job` with each sample.
extension Evaluation {
  static let identifyingLabels: Set<String> = ["instance", "job"]

  func evaluateInfo(_ call: Call, at time: Int64) throws(EvaluationError) -> [VectorSample] {
    let base = try vector(call.args[0], at: time)
    var selector: [LabelMatcher] = []
    if call.args.count > 1, case .vectorSelector(let given) = call.args[1] { selector = given.matchers }
    var nameMatchers = selector.filter { $0.name == LabelMatcher.metricNameLabel }
    let dataMatchers = selector.filter { $0.name != LabelMatcher.metricNameLabel }
    if nameMatchers.isEmpty {
      nameMatchers = [LabelMatcher(equal: LabelMatcher.metricNameLabel, "target_info")]
    } else if !nameMatchers.contains(where: { $0.type == .equal || $0.type == .regexMatch }),
      let infoSuffix = try? LabelMatcher(.regexMatch, name: LabelMatcher.metricNameLabel, value: ".+_info")
    {
      // Only exclusions given: the candidates are still info metrics.
      nameMatchers.append(infoSuffix)
    }
    let infos = infoSeries(nameMatchers, at: infoLookupTime(call.args[0], at: time))
    var result: [VectorSample] = []
    for sample in base {
      // Info series themselves pass through unchanged.
      let name = sample.labels.metricName ?? ""
      if sample.labels.metricName != nil, nameMatchers.allSatisfy({ $0.matches(name) }) {
        result.append(sample)
        continue
      }
      var added: [String: String] = [:]
      var matched = false
      for info in infos
      where Evaluation.identifyingLabels.allSatisfy({ info[$0] == sample.labels[$0] })
        && Series.labels(info, match: dataMatchers)
      {
        matched = true
        let names =
          dataMatchers.isEmpty
          ? info.map(\.name).filter {
            $0 != LabelMatcher.metricNameLabel && !Evaluation.identifyingLabels.contains($0)
          }
          : dataMatchers.map(\.name)
        for name in names {
          guard let value = info[name], !value.isEmpty else { continue }
          if let existing = added[name], existing != value {
            throw EvaluationError(
              "conflicting label: \(name) has values \(existing) and \(value) in info series")
          }
          added[name] = value
        }
      }
      if !matched && !dataMatchers.allSatisfy({ $0.matches("") }) { continue }
      var labels = sample.labels
      for (name, value) in added.sorted(by: { $0.key < $1.key }) where labels[name] == nil {
        labels = labels.setting(name, to: value)
      }
      result.append(
        VectorSample(
          labels: labels, value: sample.value, timestamp: sample.timestamp, dropName: sample.dropName))
    }
    return result
  }

  /// The info series present at `time` (latest sample within the lookback, not stale); of those
  /// with the same name and identifying labels, the one with the newest sample.
  func infoSeries(_ matchers: [LabelMatcher], at time: Int64) -> [Labels] {
    var newest: [[String]: (time: Int64, labels: Labels)] = [:]
    for sample in latestSamples(matching: matchers, at: time) {
      let key =
        [sample.labels.metricName ?? ""]
        + Evaluation.identifyingLabels.sorted().map { sample.labels[$0] ?? "" }
      if let known = newest[key], known.time >= sample.timestamp { continue }
      newest[key] = (sample.timestamp, sample.labels)
    }
    return newest.values.map(\.labels)
  }

  /// The time the base expression's selector reads at (its `@` and offsets applied), where the
  /// info series are looked up.
  func infoLookupTime(_ expr: Expr, at time: Int64) -> Int64 {
    switch expr {
    case .vectorSelector(let selector):
      return (try? selectorTime(at: selector.at, offset: selector.offset, time: time)) ?? time
    case .matrixSelector(let matrix):
      return (try? selectorTime(at: matrix.selector.at, offset: matrix.selector.offset, time: time)) ?? time
    case .subquery(let subquery):
      let inner = (try? selectorTime(at: subquery.at, offset: subquery.offset, time: time)) ?? time
      return infoLookupTime(subquery.expr, at: inner)
    default:
      guard let child = expr.children.first(where: Evaluation.readsSeries) else { return time }
      return infoLookupTime(child, at: time)
    }
  }

  /// Whether an expression reads any series.
  static func readsSeries(_ expr: Expr) -> Bool {
    switch expr {
    case .vectorSelector, .matrixSelector: return true
    case .number, .string: return false
    default: return expr.children.contains(where: readsSeries)
    }
  }
}
