import Basics
import Foundation

extension Evaluation {
  func stringArgument(_ expr: Expr, at time: Int64) throws(EvaluationError) -> String {
    guard case .string(let value) = try evaluate(expr, at: time) else {
      throw EvaluationError("expected a string")
    }
    return value
  }

  /// `label_replace(v, dst, replacement, src, regex)`.
  func labelReplace(_ args: [Expr], at time: Int64) throws(EvaluationError) -> [VectorSample] {
    let destination = try stringArgument(args[1], at: time)
    let replacement = try stringArgument(args[2], at: time)
    let source = try stringArgument(args[3], at: time)
    let pattern = try stringArgument(args[4], at: time)
    func compile() throws(EvaluationError) -> NSRegularExpression {
      do {
        return try NSRegularExpression(
          pattern: "\\A(?:" + pattern.replacingOccurrences(of: "(?P<", with: "(?<") + ")\\z",
          options: [.dotMatchesLineSeparators])
      } catch {
        throw EvaluationError("invalid regular expression in label_replace(): \(pattern)")
      }
    }
    // A range query compiles the pattern once, not at every step.
    let regex: NSRegularExpression
    if let patterns { regex = try patterns.regex(pattern, compile) } else { regex = try compile() }
    if !isValidLabelName(destination) {
      throw EvaluationError("invalid destination label name in label_replace(): \(destination)")
    }
    var result: [VectorSample] = []
    for sample in try vector(args[0], at: time) {
      let value = sample.labels[source] ?? ""
      let utf16 = value.utf16
      guard let match = regex.firstMatch(in: value, range: NSRange(location: 0, length: utf16.count)) else {
        result.append(sample)
        continue
      }
      let expanded = Evaluation.expand(replacement, match: match, in: value, regex: regex)
      var copy = sample
      copy.labels = sample.labels.setting(destination, to: expanded)
      if destination == LabelMatcher.metricNameLabel { copy.dropName = false }
      result.append(copy)
    }
    try Evaluation.requireUniqueLabels(result, "label_replace")
    return result
  }

  /// Go's `Regexp.Expand` template syntax: `$1`, `${1}`, `$name`, `${name}`, `$$`.
  static func expand(
    _ template: String, match: NSTextCheckingResult, in value: String, regex: NSRegularExpression
  )
    -> String
  {
    let source = value as NSString
    func group(_ name: String) -> String {
      let range: NSRange
      if let number = Int(name) {
        guard number <= regex.numberOfCaptureGroups else { return "" }
        range = match.range(at: number)
      } else {
        range = match.range(withName: name)
      }
      return range.location == NSNotFound ? "" : source.substring(with: range)
    }
    var out = ""
    var scalars = Array(template.unicodeScalars)[...]
    while let scalar = scalars.first {
      scalars = scalars.dropFirst()
      guard scalar == "$", let next = scalars.first else {
        out.unicodeScalars.append(scalar)
        continue
      }
      if next == "$" {
        out += "$"
        scalars = scalars.dropFirst()
        continue
      }
      var name = ""
      if next == "{" {
        guard let close = scalars.firstIndex(of: "}") else {
          out += "$"
          continue
        }
        name = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
        scalars = scalars[scalars.index(after: close)...]
      } else {
        while let character = scalars.first,
          character.isASCII, character == "_" || CharacterSet.alphanumerics.contains(character)
        {
          name.unicodeScalars.append(character)
          scalars = scalars.dropFirst()
        }
        if name.isEmpty {
          out += "$"
          continue
        }
      }
      out += group(name)
    }
    return out
  }

  /// `label_join(v, dst, separator, src...)`.
  func labelJoin(_ args: [Expr], at time: Int64) throws(EvaluationError) -> [VectorSample] {
    let destination = try stringArgument(args[1], at: time)
    let separator = try stringArgument(args[2], at: time)
    var sources: [String] = []
    for arg in args.dropFirst(3) { sources.append(try stringArgument(arg, at: time)) }
    if !isValidLabelName(destination) {
      throw EvaluationError("invalid destination label name in label_join(): \(destination)")
    }
    var result: [VectorSample] = []
    for sample in try vector(args[0], at: time) {
      let joined = sources.map { sample.labels[$0] ?? "" }.joined(separator: separator)
      var copy = sample
      copy.labels = sample.labels.setting(destination, to: joined)
      if destination == LabelMatcher.metricNameLabel { copy.dropName = false }
      result.append(copy)
    }
    try Evaluation.requireUniqueLabels(result, "label_join")
    return result
  }

  /// Any non-empty UTF-8 name is valid in Prometheus 3. U+FFFD marks bytes that were not UTF-8
  /// (a string literal cannot contain it otherwise), so it makes a name invalid. Prometheus 2
  /// only accepted `[a-zA-Z_][a-zA-Z0-9_]*`.
  func isValidLabelName(_ name: String) -> Bool {
    if engine.prometheus2Semantics { return LabelMatcher.isLegacyName(name) }
    return !name.isEmpty && !name.unicodeScalars.contains("\u{FFFD}")
  }

  static func requireUniqueLabels(_ samples: [VectorSample], _ function: String) throws(EvaluationError) {
    var seen: Set<Labels> = []
    for sample in samples where !seen.insert(sample.labels).inserted {
      throw EvaluationError("vector cannot contain metrics with the same labelset")
    }
  }

  /// `histogram_quantile(q, buckets)` over classic `le` buckets.
  func histogramQuantile(_ q: Double, _ samples: [VectorSample], _ time: Int64) throws(EvaluationError)
    -> [VectorSample]
  {
    Evaluation.bucketGroups(samples).map { key, buckets in
      droppingName(key, value: Evaluation.bucketQuantile(q, buckets), timestamp: time)
    }
  }

  /// Classic histogram buckets grouped by their series without `le`, in first-seen order: each
  /// group's buckets as (upper bound, cumulative count), as they came. Samples without a valid
  /// `le` are left out.
  static func bucketGroups(_ samples: [VectorSample]) -> [(Labels, [(upper: Double, count: Double)])] {
    var groups: [Labels: [(upper: Double, count: Double)]] = [:]
    var order: [Labels] = []
    for sample in samples {
      guard let le = sample.labels["le"], let upper = parseBound(le) else { continue }
      let key = sample.labels.removing(["le"])
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append((upper, sample.value))
    }
    return order.map { ($0, groups[$0] ?? []) }
  }

  static func parseBound(_ text: String) -> Double? {
    switch text.lowercased() {
    case "+inf", "inf": return .infinity
    case "-inf": return -.infinity
    case "nan": return .nan
    default: return Double(text)
    }
  }

  /// Prometheus's `bucketQuantile`: linear interpolation inside the bucket holding the rank.
  static func bucketQuantile(_ q: Double, _ input: [(upper: Double, count: Double)]) -> Double {
    if q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    var buckets: [(upper: Double, count: Double)] = []
    for bucket in input.sorted(by: { $0.upper < $1.upper }) {
      if let last = buckets.last, last.upper == bucket.upper {
        buckets[buckets.count - 1].count += bucket.count
      } else {
        buckets.append(bucket)
      }
    }
    guard buckets.count >= 2, buckets[buckets.count - 1].upper == .infinity else { return .nan }
    var maximum = -Double.infinity
    for index in buckets.indices {
      if buckets[index].count < maximum { buckets[index].count = maximum }
      maximum = max(maximum, buckets[index].count)
    }
    let observations = buckets[buckets.count - 1].count
    guard observations > 0 else { return .nan }
    var rank = q * observations
    let index = buckets.firstIndex { $0.count >= rank } ?? buckets.count - 1
    if index == buckets.count - 1 { return buckets[buckets.count - 2].upper }
    if index == 0, buckets[0].upper <= 0 { return buckets[0].upper }
    var start = 0.0
    var count = buckets[index].count
    if index > 0 {
      start = buckets[index - 1].upper
      count -= buckets[index - 1].count
      rank -= buckets[index - 1].count
    }
    return start + (buckets[index].upper - start) * (rank / count)
  }

  /// Calendar fields of a Unix time in UTC, as `minute()`, `hour()`... return them.
  static func dateComponent(_ name: String, seconds: Double) -> Double {
    guard seconds.isFinite, seconds.magnitude < 1e15 else { return .nan }
    let total = Int64(seconds.rounded(.down))
    let days = total >= 0 ? total / 86_400 : -((-total + 86_399) / 86_400)
    let secondOfDay = total - days * 86_400
    let date = CivilDate(daysSinceEpoch: days)
    let (year, month, day) = (date.year, date.month, date.day)
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let monthLengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    switch name {
    case "minute": return Double(secondOfDay / 60 % 60)
    case "hour": return Double(secondOfDay / 3_600)
    case "day_of_week": return Double(((days % 7) + 11) % 7)
    case "day_of_month": return Double(day)
    case "day_of_year": return Double(monthLengths.prefix(Int(month - 1)).reduce(0, +) + day)
    case "days_in_month": return Double(monthLengths[Int(month - 1)])
    case "month": return Double(month)
    default: return Double(year)
    }
  }
}
