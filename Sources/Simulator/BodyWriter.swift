import Exposition

/// Appends an exposition body into one growing byte buffer: metadata and series prefixes come
/// pre-rendered, so a scrape costs only the value text.
struct BodyWriter {
  var out: [UInt8]
  let openMetrics: Bool

  init(format: ExpositionFormat, capacity: Int) {
    out = []
    out.reserveCapacity(capacity)
    openMetrics = format == .openMetrics
  }

  @inline(__always)
  mutating func head(_ family: FamilyHead) {
    out.append(contentsOf: openMetrics ? family.openMetrics : family.text)
  }

  @inline(__always)
  mutating func sample(_ prefix: [UInt8], _ value: Double) {
    out.append(contentsOf: prefix)
    PyFloat.append(value, to: &out)
    out.append(0x0A)
  }

  /// A sample as the article's snippet prints them: whole numbers without a fraction or an
  /// exponent (`0`, `15728640`), others in their shortest form (`0.00123`).
  @inline(__always)
  mutating func articleSample(_ prefix: [UInt8], _ value: Double) {
    out.append(contentsOf: prefix)
    out.append(contentsOf: Array(Self.articleNumber(value).utf8))
    out.append(0x0A)
  }

  static func articleNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  mutating func histogram(_ h: HistogramPrefixes, _ state: HistogramState) {
    for i in h.buckets.indices { sample(h.buckets[i], state.cumulative[i]) }
    sample(h.count, state.count)
    sample(h.sum, state.sum)
  }

  mutating func finish() {
    if openMetrics { out.append(contentsOf: Array("# EOF\n".utf8)) }
  }
}

/// `# HELP` and `# TYPE` lines of a family, rendered once for each format.
///
/// Ray's OpenMetrics output names a counter family without `_total` (its samples keep it); a
/// gauge whose name ends in `_total` keeps its name in both formats.
struct FamilyHead: Sendable {
  let name: String
  let text: [UInt8]
  let openMetrics: [UInt8]

  /// `unit` is declared in OpenMetrics only (`# UNIT`), as prometheus_client does.
  init(_ name: String, _ type: MetricType, _ help: String, unit: String? = nil) {
    self.name = name
    func lines(_ family: String, _ format: ExpositionFormat) -> [UInt8] {
      var out: [UInt8] = []
      if !help.isEmpty {
        out += Array("# HELP \(family) ".utf8)
        Escaping.escapeHelp(help, quotes: format == .openMetrics, into: &out)
        out.append(0x0A)
      }
      out += Array("# TYPE \(family) \(type.word(in: format))\n".utf8)
      if let unit, format == .openMetrics { out += Array("# UNIT \(family) \(unit)\n".utf8) }
      return out
    }
    text = lines(name, .text)
    let omName = type == .counter && name.hasSuffix("_total") ? String(name.dropLast(6)) : name
    openMetrics = lines(omName, .openMetrics)
  }
}

/// Renders `name{labels} ` prefixes. Ray's exporter sorts label names; so do we.
enum SeriesPrefix {
  static func make(_ name: String, _ labels: [(String, String)], sorted: Bool = true) -> [UInt8] {
    var out = Array(name.utf8)
    let ordered = sorted ? labels.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } : labels
    if !ordered.isEmpty {
      out.append(UInt8(ascii: "{"))
      for (i, (k, v)) in ordered.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out += Array(k.utf8)
        out += Array("=\"".utf8)
        Escaping.escapeLabelValue(v, into: &out)
        out.append(UInt8(ascii: "\""))
      }
      out.append(UInt8(ascii: "}"))
    }
    out.append(0x20)
    return out
  }
}

/// Prefixes of one histogram series: a `_bucket` per bound plus `+Inf`, `_count` and `_sum`.
struct HistogramPrefixes: Sendable {
  let buckets: [[UInt8]]
  let count: [UInt8]
  let sum: [UInt8]

  init(_ name: String, _ labels: [(String, String)], bounds: [Double], sorted: Bool = true) {
    buckets = (bounds.map(Optional.some) + [nil]).map { bound in
      var le: [UInt8] = []
      if let bound { PyFloat.append(bound, to: &le) } else { le = Array("+Inf".utf8) }
      return SeriesPrefix.make(
        name + "_bucket", labels + [("le", String(decoding: le, as: UTF8.self))], sorted: sorted)
    }
    count = SeriesPrefix.make(name + "_count", labels, sorted: sorted)
    sum = SeriesPrefix.make(name + "_sum", labels, sorted: sorted)
  }
}
