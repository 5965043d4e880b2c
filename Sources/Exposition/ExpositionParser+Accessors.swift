/// Decoding the current entry into strings and values, for callers that keep them.
extension ExpositionParser {
  /// The text of a byte range, as is.
  public func string(_ range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }

  /// The current metric or family name, unescaped when it was quoted.
  public func metricName() -> String {
    nameQuoted ? Escaping.unescapeLabelValue(bytes, name) : string(name)
  }

  /// The name of label `index` of the current sample.
  public func labelName(_ index: Int) -> String {
    let span = labels[index]
    return span.nameQuoted ? Escaping.unescapeLabelValue(bytes, span.name) : string(span.name)
  }

  /// The unescaped value of label `index` of the current sample.
  public func labelValue(_ index: Int) -> String {
    let span = labels[index]
    return span.escaped ? Escaping.unescapeLabelValue(bytes, span.value) : string(span.value)
  }

  /// The unescaped text of the current `# HELP` line.
  public func helpText() -> String {
    Escaping.unescapeHelp(bytes, text, quotes: format == .openMetrics)
  }

  /// Reads a sample value token with exactly the rules `next()` applies to a sample's value
  /// (Go's `ParseFloat`, no hex, no `_`); nil where `next()` would report an invalid value.
  public static func sampleValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    switch FloatText.parse(bytes, range) {
    case .success(let value): value
    case .failure: nil
    }
  }

  /// The current sample as a value (allocates its strings).
  public func sample() -> Sample {
    var sampleLabels: [Label] = []
    sampleLabels.reserveCapacity(labels.count)
    for i in labels.indices { sampleLabels.append(Label(labelName(i), labelValue(i))) }
    var decodedExemplar: Exemplar?
    if let exemplar {
      decodedExemplar = Exemplar(
        labels: exemplar.labels.map {
          Label(string($0.name), $0.escaped ? Escaping.unescapeLabelValue(bytes, $0.value) : string($0.value))
        },
        value: exemplar.value, timestamp: exemplar.timestamp)
    }
    return Sample(
      name: metricName(), labels: sampleLabels, value: value, timestamp: timestamp,
      exemplar: decodedExemplar)
  }
}

/// The escape rules of the exposition formats.
public enum Escaping {
  /// Label values and quoted names: `\\`, `\"` and `\n` are escapes; any other backslash is kept
  /// as written, as Prometheus does.
  public static func unescapeLabelValue(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    unescape(bytes, range, quotes: true)
  }

  /// HELP text: `\\` and `\n`, plus `\"` in OpenMetrics.
  public static func unescapeHelp(_ bytes: [UInt8], _ range: Range<Int>, quotes: Bool) -> String {
    unescape(bytes, range, quotes: quotes)
  }

  private static func unescape(_ bytes: [UInt8], _ range: Range<Int>, quotes: Bool) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    while i < range.upperBound {
      let b = bytes[i]
      if b == UInt8(ascii: "\\"), i + 1 < range.upperBound {
        let n = bytes[i + 1]
        if n == UInt8(ascii: "\\") || n == UInt8(ascii: "n") || (quotes && n == UInt8(ascii: "\"")) {
          out.append(n == UInt8(ascii: "n") ? 0x0A : n)
          i += 2
          continue
        }
      }
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Escapes a label value for either format.
  public static func escapeLabelValue(_ value: String, into out: inout [UInt8]) {
    for b in value.utf8 {
      switch b {
      case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
      case UInt8(ascii: "\""): out += [0x5C, 0x22]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      default: out.append(b)
      }
    }
  }

  /// Escapes HELP text: backslash and newline, plus double quotes in OpenMetrics.
  public static func escapeHelp(_ text: String, quotes: Bool, into out: inout [UInt8]) {
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
      case UInt8(ascii: "\"") where quotes: out += [0x5C, 0x22]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      default: out.append(b)
      }
    }
  }
}
