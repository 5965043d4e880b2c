/// The semantic rules of OpenMetrics 1.0 that a line-by-line parser cannot see: family grouping,
/// metadata placement, counter and histogram structure, `le`/`quantile`, info and stateset values,
/// exemplar placement, name clashes.
///
/// It follows the behaviour of the reference parser that the OpenMetrics conformance suite was
/// written against (`prometheus_client`'s `openmetrics.parser`), which agrees with all 211 cases.
final class OpenMetricsValidator {
  struct Failure: Error { var message: String }

  private var name: String?
  private var type: MetricType?
  private var help: String?
  private var unit: String?
  private var samples: [Sample] = []
  private var allowedNames: [String] = []
  private var seenNames: Set<String> = []
  private var group: [Label]?
  private var groupTimestamp: Int64?
  private var seenGroups: Set<[Label]> = []

  func metadata(
    _ kind: ExpositionEntry, name newName: String, text: String, type newType: MetricType
  ) throws(Failure) {
    if newName == name && !samples.isEmpty {
      throw Failure(message: "metadata for \(newName) after its samples")
    }
    if newName != name {
      if name != nil { try closeFamily() }
      startFamily(newName, type: nil)
    }
    switch kind {
    case .help:
      if help != nil { throw Failure(message: "more than one HELP for \(newName)") }
      help = text
    case .type:
      if type != nil { throw Failure(message: "more than one TYPE for \(newName)") }
      type = newType
      allowedNames = newType.openMetricsSuffixes.map { newName + $0 }
    case .unit:
      if unit != nil { throw Failure(message: "more than one UNIT for \(newName)") }
      unit = text
    case .sample, .comment: break
    }
  }

  func sample(_ s: Sample) throws(Failure) {
    if !allowedNames.contains(s.name) {
      if name != nil { try closeFamily() }
      startFamily(s.name, type: .unknown)
    }
    guard let family = name else { return }
    let kind = type ?? .unknown
    if kind == .stateset && s[label: family] == nil {
      throw Failure(message: "stateset sample is missing its \(family) label")
    }
    if s.name == family + "_bucket" {
      let le = s[label: "le"]
      guard let le, let bound = Double(le), !bound.isNaN, Self.isCanonical(le, bound) else {
        throw Failure(message: "invalid le label \(le.map { "\"\($0)\"" } ?? "(missing)") on \(s.name)")
      }
      guard s.value.isNaN || s.value.rounded() == s.value else {
        throw Failure(message: "bucket value must be an integer: \(s.name)")
      }
    }
    if s.name == family + "_count" || s.name == family + "_gcount" {
      guard s.value.isNaN || s.value.rounded() == s.value else {
        throw Failure(message: "count value must be an integer: \(s.name)")
      }
    }
    if kind == .summary && s.name == family {
      let q = s[label: "quantile"]
      guard let q, let v = Double(q), v >= 0, v <= 1, Self.isCanonical(q, v) else {
        throw Failure(message: "invalid quantile label \(q.map { "\"\($0)\"" } ?? "(missing)") on \(s.name)")
      }
    }
    try checkGrouping(s, family: family, kind: kind)
    samples.append(s)
    try checkValue(s, family: family, kind: kind)
  }

  func finish() throws(Failure) {
    if name != nil { try closeFamily() }
  }

  // MARK: Rules

  private func checkGrouping(_ s: Sample, family: String, kind: MetricType) throws(Failure) {
    let g = groupKey(s, family: family, kind: kind)
    if let group, g != group, seenGroups.contains(g) {
      throw Failure(message: "samples of one group of \(family) are not together (invalid metric grouping)")
    }
    if let group, g == group {
      if (s.timestamp == nil) != (groupTimestamp == nil) {
        throw Failure(message: "mix of samples with and without timestamps within a group of \(family)")
      }
      if let last = groupTimestamp, let now = s.timestamp, last > now, kind != .info {
        throw Failure(message: "timestamps went backwards within a group of \(family)")
      }
    }
    group = g
    groupTimestamp = s.timestamp
    seenGroups.insert(g)
  }

  private func checkValue(_ s: Sample, family: String, kind: MetricType) throws(Failure) {
    if kind == .stateset && s.value != 0 && s.value != 1 {
      throw Failure(message: "stateset samples can only have values 0 and 1")
    }
    if kind == .info && s.value != 1 {
      throw Failure(message: "info samples can only have value 1")
    }
    if kind == .summary && s.name == family && s.value < 0 {
      throw Failure(message: "quantile values cannot be negative")
    }
    let suffix = s.name.hasPrefix(family) ? String(s.name.dropFirst(family.count)) : ""
    if ["_total", "_sum", "_count", "_bucket", "_gcount", "_gsum"].contains(suffix) && s.value.isNaN {
      throw Failure(message: "counter-like sample \(s.name) cannot be NaN")
    }
    if ["_total", "_sum", "_count", "_bucket", "_gcount"].contains(suffix) && s.value < 0 {
      throw Failure(message: "counter-like sample \(s.name) cannot be negative")
    }
    if s.exemplar != nil {
      let allowed =
        ((kind == .histogram || kind == .gaugehistogram) && s.name.hasSuffix("_bucket"))
        || (kind == .counter && s.name.hasSuffix("_total"))
      if !allowed {
        throw Failure(message: "exemplars are only allowed on histogram buckets and counter _total samples")
      }
    }
  }

  private func groupKey(_ s: Sample, family: String, kind: MetricType) -> [Label] {
    var labels = s.labels
    switch kind {
    case .info: return []
    case .summary where s.name == family: labels.removeAll { $0.name == "quantile" }
    case .stateset: labels.removeAll { $0.name == family }
    case .histogram where s.name == family + "_bucket", .gaugehistogram where s.name == family + "_bucket":
      labels.removeAll { $0.name == "le" }
    default: break
    }
    return labels.sorted()
  }

  /// Infinite bounds must be written `+Inf`/`-Inf`; finite ones may be written any way.
  private static func isCanonical(_ text: String, _ value: Double) -> Bool {
    guard value.isInfinite else { return true }
    return text == (value > 0 ? "+Inf" : "-Inf")
  }

  private func startFamily(_ newName: String, type newType: MetricType?) {
    name = newName
    type = newType
    help = nil
    unit = nil
    samples.removeAll(keepingCapacity: true)
    allowedNames = [newName]
    group = nil
    groupTimestamp = nil
    seenGroups.removeAll(keepingCapacity: true)
  }

  private func closeFamily() throws(Failure) {
    guard let family = name else { return }
    let kind = type ?? .unknown
    for suffix in Set(kind.openMetricsSuffixes + [""]) {
      let full = family + suffix
      if seenNames.contains(full) {
        throw Failure(message: "clashing name \(full): it belongs to an earlier family")
      }
      seenNames.insert(full)
    }
    if let unit, !unit.isEmpty {
      if !family.hasSuffix("_" + unit) {
        throw Failure(message: "unit \"\(unit)\" is not a suffix of the family name \(family)")
      }
      if kind == .info || kind == .stateset {
        throw Failure(message: "units are not allowed on \(kind.rawValue) family \(family)")
      }
    }
    if kind == .histogram || kind == .gaugehistogram { try HistogramCheck.check(samples, family: family) }
    name = nil
  }
}

/// Bucket structure of one histogram family: ordered bounds, cumulative counts, `+Inf` present
/// and equal to `_count`, `_sum` and `_count` together.
enum HistogramCheck {
  static func check(_ samples: [Sample], family: String) throws(OpenMetricsValidator.Failure) {
    var state: State?
    var group: [Label]?
    var timestamp: Int64??
    for s in samples {
      let suffix = String(s.name.dropFirst(family.count))
      if suffix.isEmpty { continue }
      var g = s.labels
      if suffix == "_bucket" { g.removeAll { $0.name == "le" } }
      g.sort()
      if g != group || timestamp != .some(s.timestamp) {
        if let state { try state.finish(family) }
        state = State()
      }
      group = g
      timestamp = .some(s.timestamp)
      try state?.add(s, suffix: suffix, family: family)
    }
    if let state { try state.finish(family) }
  }

  struct State {
    var count: Double?
    var bucket: Double?
    var value: Double = 0
    var negativeBuckets = false
    var sum = false
    var gsum = false
    var negativeGsum = false

    mutating func add(_ s: Sample, suffix: String, family: String) throws(OpenMetricsValidator.Failure) {
      switch suffix {
      case "_bucket":
        let b = Double(s[label: "le"] ?? "") ?? .nan
        if b < 0 { negativeBuckets = true }
        if let bucket, b <= bucket { throw .init(message: "buckets of \(family) are out of order") }
        if s.value < value { throw .init(message: "bucket values of \(family) are not cumulative") }
        bucket = b
        value = s.value
      case "_count", "_gcount": count = s.value
      case "_sum": sum = true
      case "_gsum":
        gsum = true
        if s.value < 0 { negativeGsum = true }
      default: break
      }
    }

    func finish(_ family: String) throws(OpenMetricsValidator.Failure) {
      if bucket != .infinity { throw .init(message: "histogram \(family) has no +Inf bucket") }
      if let count, count != value {
        throw .init(message: "histogram \(family): _count \(count) does not match the +Inf bucket \(value)")
      }
      if sum && count == nil { throw .init(message: "histogram \(family): _sum without _count") }
      if gsum && count == nil { throw .init(message: "histogram \(family): _gsum without _gcount") }
      if !(sum || gsum) && count != nil { throw .init(message: "histogram \(family): _count without _sum") }
      if negativeBuckets && sum { throw .init(message: "histogram \(family): _sum with negative buckets") }
      if !negativeBuckets && negativeGsum {
        throw .init(message: "histogram \(family): negative _gsum with non-negative buckets")
      }
    }
  }
}
