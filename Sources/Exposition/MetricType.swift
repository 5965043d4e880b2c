/// The type a `# TYPE` line declares.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
  case counter, gauge, histogram, gaugehistogram, summary, info, stateset
  /// `untyped` in text 0.0.4, `unknown` in OpenMetrics.
  case unknown

  /// Reads a `# TYPE` word in the given format; nil for a word the format does not allow.
  init?(word: String, format: ExpositionFormat) {
    switch (word, format) {
    case ("untyped", .text): self = .unknown
    case ("counter", _), ("gauge", _), ("histogram", _), ("summary", _): self.init(rawValue: word)
    case ("gaugehistogram", .openMetrics), ("info", .openMetrics), ("stateset", .openMetrics),
      ("unknown", .openMetrics):
      self.init(rawValue: word)
    default: return nil
    }
  }

  /// The word for this type in a format's `# TYPE` line.
  public func word(in format: ExpositionFormat) -> String {
    switch (self, format) {
    case (.unknown, .text), (.gaugehistogram, .text), (.info, .text), (.stateset, .text): "untyped"
    default: rawValue
    }
  }

  /// Sample-name suffixes a family of this type may use in OpenMetrics (the empty suffix means
  /// the family name itself).
  var openMetricsSuffixes: [String] {
    switch self {
    case .counter: ["_total", "_created"]
    case .summary: ["", "_count", "_sum", "_created"]
    case .histogram: ["_count", "_sum", "_bucket", "_created"]
    case .gaugehistogram: ["_gcount", "_gsum", "_bucket"]
    case .info: ["_info"]
    case .gauge, .stateset, .unknown: [""]
    }
  }

  /// Sample-name suffixes Prometheus text 0.0.4 groups under a family of this type.
  var textSuffixes: [String] {
    switch self {
    case .summary: ["", "_count", "_sum"]
    case .histogram: ["_count", "_sum", "_bucket"]
    default: [""]
    }
  }
}
