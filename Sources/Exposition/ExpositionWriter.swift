/// Writes metric families as Prometheus text 0.0.4 or OpenMetrics 1.0.
public enum ExpositionWriter {
  /// Renders families in a format.
  ///
  /// In OpenMetrics a counter family is named without `_total` (its samples keep it); a counter
  /// whose samples do not all end in `_total` or `_created` cannot be an OpenMetrics counter and is
  /// written as `unknown`, one family per sample name, so that the output stays valid.
  /// Text 0.0.4 has no `gaugehistogram`, `info` or `stateset`: those are written untyped.
  /// - Parameter terminated: end OpenMetrics with `# EOF`; false for a part of a longer stream.
  public static func write(
    _ families: [MetricFamily], format: ExpositionFormat, terminated: Bool = true
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(families.reduce(0) { $0 + 64 + $1.samples.count * 64 })
    switch format {
    case .text:
      for family in families { writeText(family, into: &out) }
    case .openMetrics:
      for family in families {
        for part in openMetricsFamilies(family) { writeOpenMetrics(part, into: &out) }
      }
      if terminated { out += Array("# EOF\n".utf8) }
    }
    return out
  }

  private static func writeText(_ family: MetricFamily, into out: inout [UInt8]) {
    if let help = family.help {
      out += Array("# HELP ".utf8)
      writeName(family.name, into: &out)
      out.append(0x20)
      Escaping.escapeHelp(help, quotes: false, into: &out)
      out.append(0x0A)
    }
    if family.type.word(in: .text) != "untyped" {
      out += Array("# TYPE ".utf8)
      writeName(family.name, into: &out)
      out.append(0x20)
      out += Array(family.type.word(in: .text).utf8)
      out.append(0x0A)
    }
    for sample in family.samples {
      writeSeries(sample.name, sample.labels, into: &out)
      out.append(0x20)
      out += Array(formatValue(sample.value).utf8)
      if let ts = sample.timestamp {
        out.append(0x20)
        out += Array(String(ts).utf8)
      }
      out.append(0x0A)
    }
  }

  private static func openMetricsFamilies(_ family: MetricFamily) -> [MetricFamily] {
    guard family.type == .counter else { return [family] }
    let base = family.name.hasSuffix("_total") ? String(family.name.dropLast(6)) : family.name
    let fits = family.samples.allSatisfy { $0.name == base + "_total" || $0.name == base + "_created" }
    if fits {
      var renamed = family
      renamed.name = base
      return [renamed]
    }
    var parts: [MetricFamily] = []
    for sample in family.samples {
      if parts.last?.name == sample.name {
        parts[parts.count - 1].samples.append(sample)
      } else {
        parts.append(MetricFamily(name: sample.name, type: .unknown, help: family.help, samples: [sample]))
      }
    }
    return parts.isEmpty ? [MetricFamily(name: family.name, type: .unknown, help: family.help)] : parts
  }

  private static func writeOpenMetrics(_ family: MetricFamily, into out: inout [UInt8]) {
    out += Array("# TYPE ".utf8)
    writeName(family.name, into: &out)
    out.append(0x20)
    out += Array(family.type.word(in: .openMetrics).utf8)
    out.append(0x0A)
    if let help = family.help {
      out += Array("# HELP ".utf8)
      writeName(family.name, into: &out)
      out.append(0x20)
      Escaping.escapeHelp(help, quotes: true, into: &out)
      out.append(0x0A)
    }
    if let unit = family.unit {
      out += Array("# UNIT ".utf8)
      writeName(family.name, into: &out)
      out.append(0x20)
      out += Array(unit.utf8)
      out.append(0x0A)
    }
    for sample in family.samples {
      writeSeries(sample.name, sample.labels, into: &out)
      out.append(0x20)
      out += Array(formatValue(sample.value).utf8)
      if let ts = sample.timestamp {
        out.append(0x20)
        out += Array(formatSeconds(ts).utf8)
      }
      if let exemplar = sample.exemplar {
        out += Array(" # ".utf8)
        writeLabels(exemplar.labels, into: &out, alwaysBraces: true)
        out.append(0x20)
        out += Array(formatValue(exemplar.value).utf8)
        if let ts = exemplar.timestamp {
          out.append(0x20)
          out += Array(formatSeconds(ts).utf8)
        }
      }
      out.append(0x0A)
    }
  }

  private static func writeSeries(_ name: String, _ labels: [Label], into out: inout [UInt8]) {
    if ByteClass.isMetricName(Array(name.utf8)) {
      out += Array(name.utf8)
      if !labels.isEmpty { writeLabels(labels, into: &out, alwaysBraces: true) }
    } else {
      // UTF-8 metric names go inside the braces as a quoted string (Prometheus 3).
      out += Array("{\"".utf8)
      Escaping.escapeLabelValue(name, into: &out)
      out.append(UInt8(ascii: "\""))
      for label in labels {
        out.append(UInt8(ascii: ","))
        writeLabel(label, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeLabels(_ labels: [Label], into out: inout [UInt8], alwaysBraces: Bool) {
    out.append(UInt8(ascii: "{"))
    for (i, label) in labels.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      writeLabel(label, into: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  private static func writeLabel(_ label: Label, into out: inout [UInt8]) {
    if ByteClass.isLabelName(Array(label.name.utf8)) {
      out += Array(label.name.utf8)
    } else {
      out.append(UInt8(ascii: "\""))
      Escaping.escapeLabelValue(label.name, into: &out)
      out.append(UInt8(ascii: "\""))
    }
    out += Array("=\"".utf8)
    Escaping.escapeLabelValue(label.value, into: &out)
    out.append(UInt8(ascii: "\""))
  }

  private static func writeName(_ name: String, into out: inout [UInt8]) {
    if ByteClass.isMetricName(Array(name.utf8)) {
      out += Array(name.utf8)
    } else {
      out.append(UInt8(ascii: "\""))
      Escaping.escapeLabelValue(name, into: &out)
      out.append(UInt8(ascii: "\""))
    }
  }

  /// The shortest text that reads back as the same `Double`; `NaN`, `+Inf`, `-Inf` as the
  /// formats spell them.
  public static func formatValue(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
  }

  /// Milliseconds as OpenMetrics seconds, exactly (`1700000000.123`).
  public static func formatSeconds(_ ms: Int64) -> String {
    let negative = ms < 0
    let magnitude = ms.magnitude
    let whole = magnitude / 1000
    let fraction = magnitude % 1000
    var text = negative ? "-" : ""
    text += String(whole)
    if fraction != 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: 3 - digits.count) + digits
      while text.hasSuffix("0") { text.removeLast() }
    }
    return text
  }
}
