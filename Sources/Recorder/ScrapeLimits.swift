import Basics
import PromQL

/// Prometheus's per-scrape limits from `scrape_config`, with its meaning: 0 means no limit, and a
/// scrape that breaks one fails as a whole (`up == 0`), with Prometheus's error text.
///
/// `body_size_limit` is ``RecordingOptions/maxBodyBytes``: it is enforced by the HTTP client
/// while the body streams in, the limits here once it has arrived.
public struct ScrapeLimits: Sendable, Hashable {
  /// `sample_limit`: the most samples one scrape may have.
  public var sampleLimit = 0
  /// `label_limit`: the most labels one series may have, counting `__name__` and the target's
  /// own labels (`job`, `instance` and the extra labels), as Prometheus counts after adding them.
  public var labelLimit = 0
  /// `label_name_length_limit`: the longest label name, in bytes.
  public var labelNameLengthLimit = 0
  /// `label_value_length_limit`: the longest label value, in bytes (the metric name is the
  /// value of `__name__`, so it counts too).
  public var labelValueLengthLimit = 0

  public init(
    sampleLimit: Int = 0, labelLimit: Int = 0, labelNameLengthLimit: Int = 0, labelValueLengthLimit: Int = 0
  ) {
    self.sampleLimit = sampleLimit
    self.labelLimit = labelLimit
    self.labelNameLengthLimit = labelNameLengthLimit
    self.labelValueLengthLimit = labelValueLengthLimit
  }

  /// True when any label limit is set (each series' labels must then be looked at).
  var checksLabels: Bool { labelLimit > 0 || labelNameLengthLimit > 0 || labelValueLengthLimit > 0 }

  /// The label limits' verdict on one series, with Prometheus's text
  /// (`verifyLabelLimits` in `scrape/scrape.go`); nil when it passes.
  ///
  /// - Parameter labels: the series' final label set: `__name__`, its own labels (empty values
  ///   dropped, names clashing with a target label renamed `exported_…`) and the target labels.
  func violation(metric: String, labels: [(name: String, value: String)]) -> String? {
    if labelLimit > 0, labels.count > labelLimit {
      return
        "label_limit exceeded (metric: \(Self.cut(metric)), number of labels: \(labels.count), limit: \(labelLimit))"
    }
    guard labelNameLengthLimit > 0 || labelValueLengthLimit > 0 else { return nil }
    // Prometheus walks the labels sorted by name and reports the first one over a limit.
    var first: (name: String, value: String)?
    for label in labels where label.name.utf8.count > nameLimit || label.value.utf8.count > valueLimit {
      if first.map({ label.name.utf8.lexicographicallyPrecedes($0.name.utf8) }) ?? true { first = label }
    }
    guard let label = first else { return nil }
    if label.name.utf8.count > nameLimit {
      return
        "label_name_length_limit exceeded (metric: \(Self.cut(metric)), label name: \(Self.cut(label.name)), length: \(label.name.utf8.count), limit: \(labelNameLengthLimit))"
    }
    return
      "label_value_length_limit exceeded (metric: \(Self.cut(metric)), label name: \(Self.cut(label.name)), value: \(GoQuote.quote(Self.cut(label.value))), length: \(label.value.utf8.count), limit: \(labelValueLengthLimit))"
  }

  /// Prometheus's `sample_limit` error, when `samples` is over the limit.
  func sampleViolation(samples: Int) -> String? {
    sampleLimit > 0 && samples > sampleLimit ? "sample limit exceeded" : nil
  }

  private var nameLimit: Int { labelNameLengthLimit > 0 ? labelNameLengthLimit : .max }
  private var valueLimit: Int { labelValueLengthLimit > 0 ? labelValueLengthLimit : .max }

  /// Go's `%.50s`: the first 50 characters.
  static func cut(_ text: String) -> String { String(text.unicodeScalars.prefix(50)) }
}
