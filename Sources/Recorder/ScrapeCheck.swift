import Archive
import Exposition

/// What Prometheus's scrape loop makes of a body that arrived whole: a parse error or a broken
/// per-scrape limit fails the scrape (`up == 0`); nil when it would be ingested.
///
/// One pass of the lenient parser (linear in the body) does both, so a body that breaks a limit
/// costs no more than one that does not.
struct ScrapeCheck: Sendable {
  var limits = ScrapeLimits()
  /// The target's own labels (`instance`, `job`, extra labels), as Prometheus adds them to each
  /// series before checking the label limits.
  var targetLabels: [(name: String, value: String)] = []

  init(limits: ScrapeLimits = ScrapeLimits(), target: ArchiveTarget? = nil) {
    self.limits = limits
    guard let target else { return }
    var labels = [(name: "instance", value: Self.instance(target.url)), (name: "job", value: target.job)]
    for label in target.labels where label.name != "instance" && label.name != "job" {
      labels.append((label.name, label.value))
    }
    targetLabels = labels.filter { !$0.value.isEmpty }
  }

  /// Why Prometheus would reject `body`, in its words (`malformed …`, `sample limit exceeded`,
  /// `label_limit exceeded (…)`); nil when it would not.
  func failure(body: [UInt8], contentType: String?) -> String? {
    let format = ExpositionFormat(contentType: contentType)
    var parser = ExpositionParser(bytes: body, format: format, strict: false)
    var samples = 0
    do {
      while let entry = try parser.next() {
        guard entry == .sample else { continue }
        samples += 1
        if limits.checksLabels,
          let problem = limits.violation(metric: parser.metricName(), labels: labels(parser))
        {
          return problem
        }
      }
    } catch {
      return "malformed \(format == .text ? "text 0.0.4" : "OpenMetrics") body: \(error)"
    }
    // Prometheus reads on past the limit and reports it only when nothing else failed.
    return limits.sampleViolation(samples: samples)
  }

  /// The series' label set as Prometheus builds it (`honor_labels: false`): `__name__`, its own
  /// labels with empty values dropped and names that clash with a target label renamed
  /// `exported_…`, then the target labels.
  private func labels(_ parser: ExpositionParser) -> [(name: String, value: String)] {
    var set: [(name: String, value: String)] = [("__name__", parser.metricName())]
    set.reserveCapacity(parser.labels.count + targetLabels.count + 1)
    for index in parser.labels.indices {
      let value = parser.labelValue(index)
      guard !value.isEmpty else { continue }
      let name = parser.labelName(index)
      let clashes = targetLabels.contains { $0.name == name }
      set.append((clashes ? "exported_" + name : name, value))
    }
    return set + targetLabels
  }

  /// `host:port` of a target URL, its `instance` label.
  static func instance(_ url: String) -> String {
    var rest = Substring(url)
    for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
    return String(rest.prefix { $0 != "/" })
  }
}
