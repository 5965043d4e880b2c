import Foundation
import PromQL

/// A reader and runner for Prometheus's `promqltest` scripts (`load`, `clear`, `eval instant`),
/// enough to check the evaluator against the expected results in the scripts. Range evals,
/// native histograms and annotations are skipped.
struct PromQLTestScript {
  struct Outcome {
    var passed = 0
    var failed: [String] = []
    var skipped = 0
  }

  let file: String
  let lines: [String]
  /// Run with Prometheus 2 window semantics (for the v2.42 scripts).
  let prometheus2: Bool

  init(file: String, text: String, prometheus2: Bool = false) {
    self.file = file
    self.prometheus2 = prometheus2
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }

  /// The lines of the block starting after `index` (until a blank or comment line).
  func block(after index: Int) -> [String] {
    var result: [String] = []
    var next = index + 1
    while next < lines.count, !lines[next].isEmpty, !lines[next].hasPrefix("#") {
      result.append(lines[next])
      next += 1
    }
    return result
  }

  func run() -> Outcome {
    var outcome = Outcome()
    // These scripts assume delayed `__name__` removal, a Prometheus feature flag the evaluator
    // does not implement (it removes names immediately, the Prometheus default).
    // start_timestamps.test needs start timestamps (`@st` lines), which the storage does not keep.
    if file == "name_label_dropping.test" || file == "start_timestamps.test" {
      outcome.skipped = lines.filter { $0.hasPrefix("eval") }.count
      return outcome
    }
    var series: [Labels: (timestamps: [Int64], values: [Double])] = [:]
    var histogramSeries = false
    var histogramNames: Set<String> = []
    for (index, line) in lines.enumerated() {
      let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      guard let command = words.first else { continue }
      if command == "clear" {
        series = [:]
        histogramSeries = false
        histogramNames = []
      } else if command == "load" || command == "load_with_nhcb" {
        guard words.count > 1, case .success(let nanoseconds) = PromDuration.parse(words[1]) else { continue }
        let interval = nanoseconds / 1_000_000
        for entry in block(after: index) {
          let name = String(entry.prefix { $0 != "{" && $0 != " " && $0 != "\t" })
          if command == "load_with_nhcb" {
            histogramNames.insert(name)
            for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
              histogramNames.insert(String(name.dropLast(suffix.count)))
            }
          }
          guard let (labels, values) = PromQLTestScript.parseSeries(entry) else {
            histogramNames.insert(name)
            continue
          }
          var points: (timestamps: [Int64], values: [Double]) = ([], [])
          for (offset, value) in values.enumerated() {
            guard let value else { continue }
            points.timestamps.append(Int64(offset) * interval)
            points.values.append(value)
          }
          series[labels] = points
        }
        histogramSeries = !histogramNames.isEmpty
      } else if command.hasPrefix("eval") {
        let storage = InMemoryStorage(
          series.map { Series(labels: $0.key, timestamps: $0.value.timestamps, values: $0.value.values) })
        // A failure only counts as "needs native histograms" when the query may read such a metric.
        let readsHistograms =
          histogramSeries
          && (histogramNames.contains { line.contains($0) } || PromQLTestScript.hasNamelessSelector(line)
            || line.contains("=~"))
        switch evaluate(index: index, words: words, storage: storage, histograms: readsHistograms) {
        case .none: outcome.skipped += 1
        case .some(nil): outcome.passed += 1
        case .some(let problem?): outcome.failed.append("\(file):\(index + 1): \(line)\n    \(problem)")
        }
      }
    }
    return outcome
  }

  /// nil: skipped; .some(nil): passed; .some(message): failed.
  func evaluate(index: Int, words: [String], storage: InMemoryStorage, histograms: Bool) -> String?? {
    if words.count > 7, words[1] == "range" {
      return evaluateRange(index: index, words: words, storage: storage, histograms: histograms)
    }
    guard words.count > 3, words[1] == "instant", words[2] == "at",
      case .success(let nanoseconds) = PromDuration.parse(words[3])
    else { return .none }
    let expression = words[4...].joined(separator: " ")
    let body = block(after: index)
    let expectsFailure = words[0] == "eval_fail" || body.contains { $0.hasPrefix("expect fail") }
    if body.contains(where: {
      $0.hasPrefix("expect string") || $0.hasPrefix("expect range") || $0.contains("{{")
    }) {
      return .none
    }
    let time = nanoseconds / 1_000_000
    var engine = Engine(storage: storage)
    engine.prometheus2Semantics = prometheus2
    let value: Value
    do {
      value = try engine.instantQuery(expression, at: time, options: .all)
    } catch {
      if expectsFailure { return .some(nil) }
      if histograms || "\(error)".contains("not supported") { return .none }
      return .some("error: \(error)")
    }
    if expectsFailure { return histograms ? .none : .some("expected an error, got \(value)") }
    let expected = body.filter { !$0.hasPrefix("expect ") && !$0.hasPrefix("expected_") }
    switch value {
    case .scalar(let actual):
      guard let line = expected.first, let number = PromQLTestScript.parseNumber(line) else {
        return .some("got scalar \(actual), expected \(expected)")
      }
      return .some(PromQLTestScript.almostEqual(actual, number) ? nil : "got \(actual), expected \(number)")
    case .vector(let samples):
      var wanted: [Labels: Double] = [:]
      for line in expected {
        guard let (labels, values) = PromQLTestScript.parseSeries(line), let first = values.first,
          let number = first
        else { return histograms ? .none : .some("cannot read expected line \(line)") }
        wanted[labels] = number
      }
      var problems: [String] = []
      for sample in samples {
        guard let number = wanted.removeValue(forKey: sample.labels) else {
          problems.append("unexpected \(sample.labels) \(sample.value)")
          continue
        }
        if !PromQLTestScript.almostEqual(sample.value, number) {
          problems.append("\(sample.labels): got \(sample.value), expected \(number)")
        }
      }
      for (labels, number) in wanted { problems.append("missing \(labels) \(number)") }
      if problems.isEmpty { return .some(nil) }
      return histograms ? .none : .some(problems.sorted().joined(separator: "; "))
    default:
      return .none
    }
  }

  /// `eval range from <start> to <end> step <step> <expr>` with one value per step per series.
  func evaluateRange(index: Int, words: [String], storage: InMemoryStorage, histograms: Bool) -> String?? {
    guard words[2] == "from", words[4] == "to", words[6] == "step",
      case .success(let start) = PromDuration.parse(words[3]),
      case .success(let end) = PromDuration.parse(words[5]),
      case .success(let step) = PromDuration.parse(words[7])
    else { return .none }
    let expression = words[8...].joined(separator: " ")
    let body = block(after: index)
    let expectsFailure = words[0] == "eval_fail" || body.contains { $0.hasPrefix("expect fail") }
    if body.contains(where: { $0.contains("{{") }) { return .none }
    let (startMs, endMs, stepMs) = (start / 1_000_000, end / 1_000_000, step / 1_000_000)
    let result: [Series]
    do {
      result = try Engine(storage: storage).rangeQuery(
        Parser.parse(expression, options: .all), start: startMs, end: endMs, step: stepMs)
    } catch {
      if expectsFailure { return .some(nil) }
      if histograms || "\(error)".contains("not supported") { return .none }
      return .some("error: \(error)")
    }
    if expectsFailure { return histograms ? .none : .some("expected an error") }
    var wanted: [Labels: [Double?]] = [:]
    for line in body where !line.hasPrefix("expect ") {
      guard let (labels, values) = PromQLTestScript.parseSeries(line) else { return .none }
      wanted[labels] = values
    }
    var problems: [String] = []
    for series in result {
      guard let values = wanted.removeValue(forKey: series.labels) else {
        problems.append("unexpected \(series.labels)")
        continue
      }
      var actual: [Int64: Double] = [:]
      for (time, value) in zip(series.timestamps, series.values) { actual[time] = value }
      for (offset, value) in values.enumerated() {
        let time = startMs + Int64(offset) * stepMs
        let got = actual.removeValue(forKey: time)
        switch (value, got) {
        case (nil, nil): break
        case (let want?, let have?) where PromQLTestScript.almostEqual(want, have): break
        default:
          problems.append(
            "\(series.labels) at \(time): got \(String(describing: got)), expected \(String(describing: value))"
          )
        }
      }
      if !actual.isEmpty { problems.append("\(series.labels): \(actual.count) extra points") }
    }
    for (labels, values) in wanted where values.contains(where: { $0 != nil }) {
      problems.append("missing \(labels)")
    }
    if problems.isEmpty { return .some(nil) }
    return histograms ? .none : .some(problems.sorted().prefix(5).joined(separator: "; "))
  }

  /// Whether `line` has a selector without a metric name, such as `{idx="0"}`.
  static func hasNamelessSelector(_ line: String) -> Bool {
    var previous: Character = " "
    for character in line {
      if character == "{", !(previous.isLetter || previous.isNumber || previous == "_" || previous == ":") {
        return true
      }
      previous = character
    }
    return false
  }

  static func almostEqual(_ a: Double, _ b: Double) -> Bool {
    if a == b || (a.isNaN && b.isNaN) { return true }
    let sum = abs(a) + abs(b)
    if a == 0 || b == 0 || sum < Double.leastNormalMagnitude {
      return abs(a - b) < 1e-6 * Double.leastNormalMagnitude
    }
    return abs(a - b) / min(sum, Double.greatestFiniteMagnitude) < 1e-6
  }

  static func parseNumber(_ text: String) -> Double? {
    switch text.lowercased() {
    case "inf", "+inf": return .infinity
    case "-inf": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    case "stale": return StaleMarker.value
    default:
      if text.hasPrefix("0x"), let value = Int64(text.dropFirst(2), radix: 16) { return Double(value) }
      return Double(text)
    }
  }

  /// `metric{l="v"} 1 2+3x4 _ stale`: labels and one value per step (nil for `_`); nil for
  /// histogram literals or unreadable lines.
  static func parseSeries(_ text: String) -> (Labels, [Double?])? {
    if text.contains("{{") { return nil }
    let line = text.replacingOccurrences(of: "\t", with: " ")
    var depth = 0
    var quote: Character?
    var split = line.endIndex
    for index in line.indices {
      let character = line[index]
      if let open = quote {
        if character == "\\" { continue }
        if character == open { quote = nil }
        continue
      }
      if character == "\"" || character == "'" || character == "`" { quote = character }
      if character == "{" { depth += 1 }
      if character == "}" { depth -= 1 }
      if character == " " && depth == 0 {
        split = index
        break
      }
    }
    let metric = String(line[..<split])
    guard let labels = parseMetric(metric) else { return nil }
    var values: [Double?] = []
    for item in line[split...].split(separator: " ") {
      guard let expanded = expand(String(item)) else { return nil }
      values += expanded
    }
    return (labels, values)
  }

  static func parseMetric(_ text: String) -> Labels? {
    if text == "{}" { return .empty }
    guard case .vectorSelector(let selector)? = try? Parser.parse(text, options: .all) else { return nil }
    return Labels(selector.matchers.map { ($0.name, $0.value) })
  }

  /// One value item: `v`, `_`, `_xN`, `vxN`, `a+bxN`, `a-bxN`, `stale`.
  static func expand(_ item: String) -> [Double?]? {
    if item == "_" { return [nil] }
    if item.hasPrefix("_x"), let count = Int(item.dropFirst(2)) { return Array(repeating: nil, count: count) }
    // Series values never use hex (`0x59` is 0 repeated), unlike the scalar result lines.
    guard let times = item.lastIndex(of: "x") else {
      return parseNumber(item).map { [$0] }
    }
    guard let count = Int(item[item.index(after: times)...]) else { return nil }
    let head = String(item[..<times])
    // Find the operator between start and step: the last + or - that is not a sign or exponent sign.
    var operatorIndex: String.Index?
    var index = head.index(after: head.startIndex)
    while index < head.endIndex {
      let character = head[index]
      let previous = head[head.index(before: index)]
      if (character == "+" || character == "-") && previous != "e" && previous != "E" {
        operatorIndex = index
      }
      index = head.index(after: index)
    }
    guard let operatorIndex else {
      guard let value = parseNumber(head) else { return nil }
      return Array(repeating: value, count: count + 1)
    }
    guard let start = parseNumber(String(head[..<operatorIndex])),
      var step = parseNumber(String(head[head.index(after: operatorIndex)...]))
    else { return nil }
    if head[operatorIndex] == "-" { step = -step }
    var result: [Double?] = []
    var current = start
    for _ in 0...count {
      result.append(current)
      current += step
    }
    return result
  }
}
