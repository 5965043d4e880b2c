import Basics
import Foundation
import PromQL
import YAML

extension RuleTestFile {
  /// Reads a test file as promtool does (go-yaml v2, strict): every unknown field or wrong type is
  /// one `line N: ...` error of one `yaml: unmarshal errors:` block. `prometheus2` knows only the
  /// fields promtool 2.42 knows (no `fuzzy_compare`, `start_timestamp`, `histogram`).
  public static func parse(_ text: String, path: String, prometheus2: Bool = false) throws(RuleFileError)
    -> RuleTestFile
  {
    let document: YAMLNode?
    do {
      document = try YAMLParser.parse(text, file: path)
    } catch {
      throw RuleFileError(path: path, messages: ["yaml: line \(error.mark.line): \(error.message)"])
    }
    var reader = TestFileReader(prometheus2: prometheus2)
    let file: RuleTestFile
    do {
      file = try reader.file(document)
    } catch {
      throw RuleFileError(path: path, messages: [error.message])
    }
    if let failure = reader.decoder.failure { throw RuleFileError(path: path, messages: [failure]) }
    return file
  }
}

private struct TestFileReader {
  var prometheus2: Bool
  var decoder: StrictDecoder

  init(prometheus2: Bool) {
    self.prometheus2 = prometheus2
    decoder = StrictDecoder()
    decoder.mergeOverridesAreErrors = true
    decoder.legacyDurationErrors = prometheus2
  }

  mutating func file(_ node: YAMLNode?) throws(DurationFailure) -> RuleTestFile {
    guard let node else {
      return RuleTestFile(
        ruleFiles: [], evaluationInterval: 60_000, groupEvalOrder: [], fuzzyCompare: false, tests: [])
    }
    var known: Set<String> = ["rule_files", "evaluation_interval", "group_eval_order", "tests"]
    if !prometheus2 { known.insert("fuzzy_compare") }
    let fields = decoder.fields(node, type: "main.unitTestFile", known: known)
    let interval = try decoder.duration(fields["evaluation_interval"])
    var tests: [RuleTestGroup] = []
    for item in decoder.items(fields["tests"], type: "[]main.testGroup") { tests.append(try group(item)) }
    return RuleTestFile(
      ruleFiles: decoder.strings(fields["rule_files"]), evaluationInterval: interval == 0 ? 60_000 : interval,
      groupEvalOrder: decoder.strings(fields["group_eval_order"]),
      fuzzyCompare: decoder.bool(fields["fuzzy_compare"]),
      tests: tests)
  }

  mutating func group(_ node: YAMLNode) throws(DurationFailure) -> RuleTestGroup {
    var known: Set<String> = [
      "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url",
      "name",
      "input_recording",
    ]
    if !prometheus2 { known.insert("start_timestamp") }
    let fields = decoder.fields(node, type: "main.testGroup", known: known)
    var series: [(String, String)] = []
    for item in decoder.items(fields["input_series"], type: "[]main.series") {
      let entry = decoder.fields(item, type: "main.series", known: ["series", "values"])
      series.append((decoder.string(entry["series"]), decoder.string(entry["values"])))
    }
    var alerts: [AlertTestCase] = []
    for item in decoder.items(fields["alert_rule_test"], type: "[]main.alertTestCase") {
      alerts.append(try alertCase(item))
    }
    var exprs: [ExprTestCase] = []
    for item in decoder.items(fields["promql_expr_test"], type: "[]main.promqlTestCase") {
      exprs.append(try exprCase(item))
    }
    var recordings: [InputRecording] = []
    if let recordingNode = fields["input_recording"] {
      let nodes = recordingNode.items ?? [recordingNode]
      for item in nodes { recordings.append(try recording(item)) }
    }
    let interval = try fields["interval"].map { node throws(DurationFailure) in try decoder.duration(node) }
    return RuleTestGroup(
      name: decoder.string(fields["name"]), interval: interval, inputSeries: series,
      inputRecordings: recordings,
      alertTests: alerts, exprTests: exprs,
      externalLabels: decoder.stringMap(fields["external_labels"]).map { ($0.key, $0.value) },
      externalURL: decoder.string(fields["external_url"]),
      startTimestamp: try startTimestamp(fields["start_timestamp"]))
  }

  mutating func alertCase(_ node: YAMLNode) throws(DurationFailure) -> AlertTestCase {
    let fields = decoder.fields(
      node, type: "main.alertTestCase", known: ["eval_time", "alertname", "exp_alerts"])
    var expected: [(labels: [(String, String)], annotations: [(String, String)])] = []
    for item in decoder.items(fields["exp_alerts"], type: "[]main.alert") {
      let alert = decoder.fields(item, type: "main.alert", known: ["exp_labels", "exp_annotations"])
      expected.append(
        (
          decoder.stringMap(alert["exp_labels"]).map { ($0.key, $0.value) },
          decoder.stringMap(alert["exp_annotations"]).map { ($0.key, $0.value) }
        ))
    }
    return AlertTestCase(
      evalTime: try decoder.duration(fields["eval_time"]), alertname: decoder.string(fields["alertname"]),
      expected: expected)
  }

  mutating func exprCase(_ node: YAMLNode) throws(DurationFailure) -> ExprTestCase {
    let fields = decoder.fields(
      node, type: "main.promqlTestCase", known: ["expr", "eval_time", "exp_samples"])
    var expected: [(labels: String, value: Double, histogram: String)] = []
    var sampleFields: Set<String> = ["labels", "value"]
    if !prometheus2 { sampleFields.insert("histogram") }
    for item in decoder.items(fields["exp_samples"], type: "[]main.sample") {
      let sample = decoder.fields(item, type: "main.sample", known: sampleFields)
      expected.append(
        (
          decoder.string(sample["labels"]), decoder.double(sample["value"]),
          decoder.string(sample["histogram"])
        ))
    }
    return ExprTestCase(
      expr: decoder.string(fields["expr"]), evalTime: try decoder.duration(fields["eval_time"]),
      expected: expected)
  }

  mutating func recording(_ node: YAMLNode) throws(DurationFailure) -> InputRecording {
    let fields = decoder.fields(node, type: "input_recording", known: ["path", "labels", "from", "to"])
    return InputRecording(
      path: decoder.string(fields["path"]),
      labels: decoder.stringMap(fields["labels"]).map { ($0.key, $0.value) },
      from: try fields["from"].map { node throws(DurationFailure) in try decoder.duration(node) },
      to: try fields["to"].map { node throws(DurationFailure) in try decoder.duration(node) })
  }

  /// `start_timestamp`: Unix seconds (with fraction) or RFC 3339, as promtool's `parseTime`.
  mutating func startTimestamp(_ node: YAMLNode?) throws(DurationFailure) -> Int64 {
    let text = decoder.string(node)
    if text.isEmpty { return 0 }
    if let seconds = Double(text), seconds.isFinite, abs(seconds) < 9e15 {
      return Int64((seconds * 1000).rounded())
    }
    if let ms = RFC3339.milliseconds(text) { return ms }
    throw DurationFailure(message: "cannot parse \(GoQuote.quote(text)) to a valid timestamp")
  }
}
