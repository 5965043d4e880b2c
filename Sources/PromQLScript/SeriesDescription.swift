public import PromQL

/// `metric{l="v"} 1 2+3x4 _ stale`: a series and its values, one per interval or step.
public struct SeriesDescription: Equatable, Sendable {
  public var labels: Labels
  /// One entry per slot; nil for `_` (no sample). Empty when the line holds histogram literals.
  public var values: [Double?]
  /// The line holds `{{...}}` native-histogram literals (not expanded: the engine has no histograms).
  public var hasHistograms: Bool

  /// Creates the value from its parts.
  public init(labels: Labels, values: [Double?], hasHistograms: Bool = false) {
    self.labels = labels
    self.values = values
    self.hasHistograms = hasHistograms
  }

  public static func == (lhs: SeriesDescription, rhs: SeriesDescription) -> Bool {
    lhs.labels == rhs.labels && lhs.hasHistograms == rhs.hasHistograms
      && lhs.values.map { $0?.bitPattern } == rhs.values.map { $0?.bitPattern }
  }

  /// The most values the series of one script may hold together: a 4 KB script could otherwise
  /// ask for billions (`1x999999` repeated). Prometheus's own scripts use at most 10,001 per series.
  public static let maxValuesPerScript = 10_000_000

  /// Reads one series line; the message of a thrown error says what is wrong with it.
  /// - Parameter budget: how many values the line may add (what is left of
  ///   ``maxValuesPerScript``); checked before the values are made.
  public static func parse(_ text: String, budget: Int = maxValuesPerScript) throws(SeriesLineError)
    -> SeriesDescription
  {
    let (metric, rest) = splitMetric(text)
    let labels = try parseMetric(metric)
    if rest.contains("{{") { return SeriesDescription(labels: labels, values: [], hasHistograms: true) }
    var values: [Double?] = []
    for item in rest.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      let wanted = values.count + valueCount(item)
      if wanted > budget {
        let total = maxValuesPerScript - budget + wanted
        throw SeriesLineError(
          message: "too many values: the script's series would hold \(total) "
            + "(limit \(maxValuesPerScript) per script)")
      }
      guard let expanded = expand(String(item)) else {
        throw SeriesLineError(
          message: "invalid value \(ScriptQuote.single(item)) in series \(ScriptQuote.single(metric))")
      }
      values += expanded
    }
    return SeriesDescription(labels: labels, values: values)
  }

  /// The metric (up to the first blank outside braces and quotes) and the value text after it.
  static func splitMetric(_ line: String) -> (String, String) {
    var depth = 0
    var quote: Character?
    var escaped = false
    for index in line.indices {
      let character = line[index]
      if let open = quote {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
        continue
      }
      switch character {
      case "\"", "'", "`": quote = character
      case "{": depth += 1
      case "}": depth -= 1
      case " " where depth == 0, "\t" where depth == 0:
        return (String(line[..<index]), String(line[line.index(after: index)...]))
      default: break
      }
    }
    return (line, "")
  }

  /// `name`, `name{l="v"}`, `{__name__="name", l="v"}` or `{}`: equality matchers only.
  static func parseMetric(_ text: String) throws(SeriesLineError) -> Labels {
    if text == "{}" { return .empty }
    let matchers: [LabelMatcher]
    do {
      matchers = try Parser.parseMetricSelector(text)
    } catch {
      throw SeriesLineError(message: "invalid series \(ScriptQuote.single(text)): \(error.message)")
    }
    guard matchers.allSatisfy({ $0.type == .equal }) else {
      throw SeriesLineError(
        message: "invalid series \(ScriptQuote.single(text)): only = matchers are allowed")
    }
    return Labels(matchers.filter { !$0.value.isEmpty }.map { ($0.name, $0.value) })
  }

  /// A number as the value lines write it: decimal or float, `Inf`, `NaN`, `stale`.
  static func parseValue(_ text: String) -> Double? {
    switch text.lowercased() {
    case "inf", "+inf": return .infinity
    case "-inf": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    case "stale": return StaleMarker.value
    default:
      guard let first = text.first, first.isNumber || first == "." || first == "-" || first == "+" else {
        return nil
      }
      return Double(text)
    }
  }

  /// A scalar result line: Go's `ParseInt(s, 0, 64)` (so `0x1f`) with a float fallback.
  public static func parseScalar(_ text: String) -> Double? {
    let lower = text.lowercased()
    let negative = lower.hasPrefix("-")
    let body = negative || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
      guard let value = Int64(body.dropFirst(2), radix: radix) else { return nil }
      return negative ? -Double(value) : Double(value)
    }
    return parseValue(text)
  }

  /// How many values `expand` makes of an item, without making them (1 for one it rejects).
  static func valueCount(_ item: Substring) -> Int {
    if item.hasPrefix("_x") { return Int(item.dropFirst(2)).map { max(0, $0) } ?? 1 }
    guard let times = item.lastIndex(of: "x"), let count = Int(item[item.index(after: times)...]), count >= 0
    else { return 1 }
    return min(count, Int.max - 1) + 1
  }

  /// One value item: `v`, `_`, `_xN`, `vxN`, `a+bxN`, `a-bxN`, `stale`.
  static func expand(_ item: String) -> [Double?]? {
    if item == "_" { return [nil] }
    if item.hasPrefix("_x") {
      guard let count = Int(item.dropFirst(2)), count >= 0, count < 1_000_000 else { return nil }
      return Array(repeating: nil, count: count)
    }
    // No hex in series values: `0x59` is 0 repeated, as the grammar reads it.
    guard let times = item.lastIndex(of: "x") else { return parseValue(item).map { [$0] } }
    guard let count = Int(item[item.index(after: times)...]), count >= 0, count < 1_000_000 else {
      return nil
    }
    let head = String(item[..<times])
    // `x5` has no value before the `x` (and no index after an empty head's start).
    guard !head.isEmpty else { return nil }
    // The operator is the last + or - that is neither a leading sign nor an exponent sign.
    var operatorIndex: String.Index?
    var index = head.index(after: head.startIndex)
    while index < head.endIndex {
      let previous = head[head.index(before: index)]
      if head[index] == "+" || head[index] == "-", previous != "e", previous != "E" {
        operatorIndex = index
      }
      index = head.index(after: index)
    }
    guard let operatorIndex else {
      guard let value = parseValue(head), !StaleMarker.isStale(value) else { return nil }
      return Array(repeating: value, count: count + 1)
    }
    guard let start = parseValue(String(head[..<operatorIndex])),
      var step = parseValue(String(head[head.index(after: operatorIndex)...]))
    else { return nil }
    if head[operatorIndex] == "-" { step = -step }
    // A running sum, as the grammar computes it (so rounding matches Prometheus's data).
    var result: [Double?] = []
    var current = start
    for _ in 0...count {
      result.append(current)
      current += step
    }
    return result
  }
}

/// Why a series line could not be read (the caller adds the place).
public struct SeriesLineError: Error, Equatable, Sendable {
  public var message: String
}
